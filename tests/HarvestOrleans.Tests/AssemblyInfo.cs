// The machines are 2 cores: clusters of different test classes running at once would starve each other's timers.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
