namespace DreamX.Bench;

/// <summary>"--name value" pairs after the command.</summary>
internal sealed class Arguments(string[] args)
{
    public string? Optional(string name)
    {
        var index = Array.IndexOf(args, "--" + name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    public string Required(string name) => Optional(name) ?? throw new ArgumentException($"--{name} is required");

    public int Number(string name, int fallback) => Optional(name) is { } value ? int.Parse(value) : fallback;
}
