namespace DreamX.Domain.Common;

/// <summary>A rule a field broke: the UI turns <see cref="Code"/> into a message in the user's language.</summary>
/// <param name="Field">The input's name, e.g. "Title".</param>
/// <param name="Code">Stable code, e.g. "title.required"; also the resource key of its message.</param>
/// <param name="Arguments">Values the message mentions (limits).</param>
public sealed record ValidationError(string Field, string Code, params object[] Arguments);
