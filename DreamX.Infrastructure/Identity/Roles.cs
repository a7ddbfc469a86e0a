namespace DreamX.Infrastructure.Identity;

/// <summary>The two roles of the studio.</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string User = "User";

    public static readonly IReadOnlyList<string> All = [Admin, User];
}
