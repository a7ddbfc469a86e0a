namespace DreamX.Infrastructure.Identity;

/// <summary>What a new account starts with.</summary>
public sealed class SignUpOptions
{
    public const string Section = "SignUp";

    /// <summary>Credits granted once on registration, so a new creator can make a first episode on the built-in providers.</summary>
    public int WelcomeCredits { get; set; } = 300;
}
