namespace DreamX.Domain;

/// <summary>Anchors reflection over the domain assembly (architecture tests, EF configuration scanning).</summary>
public sealed class AssemblyMarker;
