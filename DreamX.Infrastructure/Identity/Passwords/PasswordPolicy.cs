using System.IO.Compression;

namespace DreamX.Infrastructure.Identity.Passwords;

/// <summary>What is wrong with a proposed password, if anything.</summary>
public enum PasswordProblem
{
    None,
    TooShort,
    TooLong,
    TooCommon,
}

/// <summary>
/// The studio's password rule (OWASP ASVS 5.0 V6.2): 12 to 128 characters of anything, no composition
/// rules, and not one of the most common breached passwords, also not one with digits or symbols
/// stuck on its end ("Password123!").
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 12;
    public const int MaxLength = 128;

    private static readonly Lazy<HashSet<string>> Common = new(LoadCommonPasswords);

    public static PasswordProblem Check(string? password)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinLength)
            return PasswordProblem.TooShort;
        if (password.Length > MaxLength)
            return PasswordProblem.TooLong;
        return IsCommon(password) ? PasswordProblem.TooCommon : PasswordProblem.None;
    }

    public static bool IsCommon(string password)
    {
        var lowered = password.Trim().ToLowerInvariant();
        if (Common.Value.Contains(lowered))
            return true;
        // "qwerty2024!", "iloveyou12345": a common word with a suffix people add to pass composition rules.
        var stem = lowered.TrimEnd("0123456789!@#$%^&*()-_=+.,?~ ".ToCharArray());
        return stem.Length >= 4 && stem.Length < lowered.Length && Common.Value.Contains(stem);
    }

    /// <summary>How many passwords the shipped list holds (for the README and tests).</summary>
    public static int CommonPasswordCount => Common.Value.Count;

    private static HashSet<string> LoadCommonPasswords()
    {
        using var resource = typeof(PasswordPolicy).Assembly.GetManifestResourceStream("common-passwords")
            ?? throw new InvalidOperationException("The common-passwords resource is missing from the assembly.");
        using var gzip = new GZipStream(resource, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
                set.Add(line);
        }
        return set;
    }
}
