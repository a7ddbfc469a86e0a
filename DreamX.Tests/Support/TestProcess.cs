using System.Runtime.CompilerServices;

namespace DreamX.Tests.Support;

/// <summary>Settings for the one process that hosts every test collection, its studios and its engines.</summary>
internal static class TestProcess
{
    /// <summary>
    /// The collections run side by side in this process: several in-process studios (Kestrel, circuits, Quartz),
    /// compose runs waiting on ffmpeg and CPU-bound rendering all share one thread pool. On two cores it starts
    /// with two threads and adds about one per half second under load, so a circuit could wait seconds for a
    /// thread; starting with more keeps a busy neighbour from stalling a browser test.
    /// </summary>
#pragma warning disable CA2255 // a module initializer is the one hook that runs before any collection starts
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Initialize()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 32), Math.Max(io, 32));
    }
}
