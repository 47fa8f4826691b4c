// Every spec runs a node on SQLite files; one at a time keeps them off each other's disk and CPU.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
