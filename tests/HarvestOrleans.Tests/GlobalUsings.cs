global using Xunit;
global using HarvestOrleans.Policies;
