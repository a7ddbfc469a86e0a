using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace DreamX.Infrastructure.Persistence;

/// <summary>Lets `dotnet ef migrations add` build the model without starting the web app (no connection is opened).</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<DreamXDbContext>
{
    public DreamXDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<DreamXDbContext>();
        PersistenceServiceCollectionExtensions.Configure(options, "Host=127.0.0.1;Database=dreamx_design");
        return new DreamXDbContext(options.Options);
    }
}
