using DreamX.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DreamX.Infrastructure.Production;

/// <summary>
/// A PostgreSQL session advisory lock on one project, held on the context's connection until disposed: what runs
/// under it for a project runs one at a time across circuits, requests and instances. A connection that breaks
/// (or is returned to the pool, which resets its session) gives the lock up, so it cannot outlive its holder.
/// Within one instance the callers take turns on a local lock first, so those waiting hold no connection.
/// </summary>
internal sealed class ProjectGate : IAsyncDisposable
{
    private static readonly SemaphoreSlim[] Local = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    private readonly DreamXDbContext _db;
    private readonly long _key;

    private ProjectGate(DreamXDbContext db, long key)
    {
        _db = db;
        _key = key;
    }

    private SemaphoreSlim Turn => Local[(int)((ulong)_key % (ulong)Local.Length)];

    public static async Task<ProjectGate> EnterAsync(DreamXDbContext db, Guid projectId, CancellationToken ct)
    {
        var gate = new ProjectGate(db, KeyOf(projectId));
        await gate.Turn.WaitAsync(ct);
        try
        {
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_lock({gate._key})", ct);
            return gate;
        }
        catch
        {
            gate.Turn.Release();
            throw;
        }
    }

    /// <summary>A 64-bit key folded from the project id (a rare collision only makes two projects take turns).</summary>
    private static long KeyOf(Guid projectId)
    {
        Span<byte> bytes = stackalloc byte[16];
        projectId.TryWriteBytes(bytes);
        return BitConverter.ToInt64(bytes) ^ BitConverter.ToInt64(bytes[8..]) ^ 0x5DEA_6E4E_0000_0000L;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_unlock({_key})");
        }
        catch (Exception exception) when (DatabaseFaults.IsTransient(exception))
        {
            // The connection is gone, and the lock with it.
        }
        finally
        {
            await _db.Database.CloseConnectionAsync();
            Turn.Release();
        }
    }
}
