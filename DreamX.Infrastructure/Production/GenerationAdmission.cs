namespace DreamX.Infrastructure.Production;

/// <summary>
/// Whether a request that would queue new generation work may do so now: the caller's rate limit, asked by
/// <see cref="StageProduction"/> inside the project's gate once it knows the request is not a repeat.
/// </summary>
/// <returns>True to queue; false refuses the request (<see cref="StageProduction.TooManyRequests"/>).</returns>
public delegate bool GenerationAdmission();
