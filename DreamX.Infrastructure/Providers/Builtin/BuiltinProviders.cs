namespace DreamX.Infrastructure.Providers.Builtin;

/// <summary>
/// The offline providers that need no network and no key. They are registered as keyed services under
/// <see cref="Key"/> so the router can find them (and the engine resolves the routed, un-keyed ports).
/// </summary>
public static class BuiltinProviders
{
    public const string Name = "builtin";

    /// <summary>The service key of each built-in provider: <c>services.AddKeyedSingleton&lt;ITextProvider, X&gt;(BuiltinProviders.Key)</c>.</summary>
    public const string Key = Name;
}
