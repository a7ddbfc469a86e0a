namespace DreamX.Domain.Storage;

/// <summary>Which key layout an <see cref="ObjectKey"/> follows.</summary>
public enum ObjectKeyScope
{
    /// <summary><c>projects/{projectId}/{area}/...</c>: the project's own media.</summary>
    Project,

    /// <summary><c>users/{userId}/avatar/...</c>.</summary>
    UserAvatar,

    /// <summary><c>assets/{kind}/...</c>: the public catalogue (styles, voices, showcases, music).</summary>
    Asset,

    /// <summary>Any other valid key (e.g. scratch space); only admins may read it through a URL.</summary>
    Other,
}
