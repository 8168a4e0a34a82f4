global using Xunit;
global using HarvestOrleans.Policies;
global using HarvestOrleans.Harvest;
global using HarvestOrleans.Testing;
