namespace DreamX.Domain.Storage;

/// <summary>
/// Who may read an object. Writes never go through this rule: services decide what they store.
/// </summary>
public static class ObjectAccessPolicy
{
    /// <param name="key">The object asked for.</param>
    /// <param name="reader">Who asks.</param>
    /// <param name="projectOwnerId">The owner of <see cref="ObjectKey.ProjectId"/> for project keys; null when unknown.</param>
    /// <param name="isPublished">
    /// Extension point for showcases: a published project's media may be read by anyone.
    /// Callers pass true only once the project is actually published.
    /// </param>
    public static bool CanRead(ObjectKey key, ObjectReader reader, string? projectOwnerId, bool isPublished = false)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(reader);

        if (reader.IsAdmin)
        {
            return true;
        }

        return key.Scope switch
        {
            ObjectKeyScope.Asset => true,
            ObjectKeyScope.UserAvatar => reader.IsSignedIn,
            ObjectKeyScope.Project => isPublished || IsOwner(reader, projectOwnerId),
            _ => false,
        };
    }

    private static bool IsOwner(ObjectReader reader, string? projectOwnerId)
        => reader.IsSignedIn && projectOwnerId is not null && string.Equals(reader.UserId, projectOwnerId, StringComparison.Ordinal);
}
