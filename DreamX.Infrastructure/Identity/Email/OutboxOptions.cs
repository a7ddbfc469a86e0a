namespace DreamX.Infrastructure.Identity.Email;

/// <summary>Where outgoing mail is written while the studio has no mail server (development, demos, tests).</summary>
public sealed class OutboxOptions
{
    public const string Section = "Email";

    /// <summary>Folder that receives one .eml file per message; relative paths are under the content root.</summary>
    public string OutboxFolder { get; set; } = ".data/outbox";

    public string From { get; set; } = "DreamX Studio <no-reply@dreamx.local>";
}
