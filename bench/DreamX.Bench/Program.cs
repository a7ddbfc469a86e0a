using DreamX.Bench;

// The engine benchmark (bench/engine.sh) and the scheduler process the engine's cluster tests start.
var arguments = new Arguments(args);
return args.FirstOrDefault() switch
{
    "engine" => await EngineBenchmark.RunAsync(arguments),
    "worker" => await WorkerCommand.RunAsync(arguments),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: DreamX.Bench engine --db CS [--tasks 500] [--latency-tasks 50] [--concurrency 8]");
    Console.Error.WriteLine("       DreamX.Bench worker --db CS --scheduler NAME --log FILE [--concurrency 4]");
    return 2;
}
