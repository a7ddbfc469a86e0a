namespace DreamX.Domain.Storage;

/// <summary>Who is asking to read an object: a signed-in user (maybe an admin) or an anonymous visitor.</summary>
public sealed record ObjectReader(string? UserId, bool IsAdmin)
{
    public static ObjectReader Anonymous { get; } = new(null, false);

    public bool IsSignedIn => !string.IsNullOrEmpty(UserId);

    public static ObjectReader User(string userId) => new(userId, false);

    public static ObjectReader Admin(string userId) => new(userId, true);
}
