using System.Reflection;
using DreamX.Web.Canvas.Core;

namespace DreamX.Tests.Web.Canvas;

public class CanvasArchitectureTests
{
    [Fact]
    public void The_canvas_core_uses_nothing_from_asp_net_core()
    {
        var coreTypes = typeof(Diagram).Assembly.GetTypes()
            .Where(t => t.Namespace?.StartsWith("DreamX.Web.Canvas.Core", StringComparison.Ordinal) == true)
            .ToList();
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

        var used = coreTypes.SelectMany(t =>
                t.GetFields(all).Select(f => f.FieldType)
                    .Concat(t.GetProperties(all).Select(p => p.PropertyType))
                    .Concat(t.GetMethods(all).SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType)))
                    .Concat(t.GetEvents(all).Select(e => e.EventHandlerType!))
                    .Append(t.BaseType ?? typeof(object)))
            .SelectMany(Flatten)
            .ToList();

        Assert.NotEmpty(coreTypes);
        Assert.DoesNotContain(used, t => t.Namespace?.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void The_canvas_core_sources_have_no_asp_net_core_using()
    {
        var core = Path.Combine(Support.TestEnvironment.RepositoryRoot, "DreamX.Web", "Canvas", "Core");
        var offenders = Directory.EnumerateFiles(core, "*.cs", SearchOption.AllDirectories)
            .Where(f => File.ReadAllText(f).Contains("Microsoft.AspNetCore", StringComparison.Ordinal))
            .ToList();

        Assert.Empty(offenders);
    }

    private static IEnumerable<Type> Flatten(Type type) =>
        type.IsGenericType ? type.GetGenericArguments().SelectMany(Flatten).Prepend(type) : [type];
}
