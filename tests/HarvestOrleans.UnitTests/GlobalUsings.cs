global using Xunit;
global using HarvestOrleans.Policies;
global using HarvestOrleans.Grains.Harvest;
global using HarvestOrleans.Testing;
