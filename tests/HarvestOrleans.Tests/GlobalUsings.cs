global using Xunit;
global using HarvestOrleans.Policies;
global using HarvestOrleans.Grains.Harvest;
