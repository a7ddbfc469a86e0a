using DreamX.Domain.Common;
using DreamX.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DreamX.Infrastructure.Assets;

internal static class CatalogSaves
{
    /// <summary>Saves, turning a unique-index violation (two admins saving the same title at once) into <paramref name="duplicateCode"/>.</summary>
    public static async Task<Result> SaveAsync(this DreamXDbContext db, string duplicateCode, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return Result.Success();
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return Result.Failure(duplicateCode);
        }
    }

    /// <summary>A case-insensitive "contains" pattern for ILIKE, with the wildcards of the search text escaped.</summary>
    public static string ContainsPattern(string search) =>
        "%" + search.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
}
