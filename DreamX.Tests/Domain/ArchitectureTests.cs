namespace DreamX.Tests.Domain;

public class ArchitectureTests
{
    [Fact]
    public void The_domain_depends_on_no_framework()
    {
        var references = typeof(DreamX.Domain.AssemblyMarker).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.DoesNotContain(references, r =>
            r.StartsWith("Microsoft.AspNetCore") || r.StartsWith("Microsoft.EntityFrameworkCore")
            || r.StartsWith("Quartz") || r.StartsWith("Npgsql") || r.StartsWith("MudBlazor") || r.StartsWith("Minio"));
    }
}
