using System.Net;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DreamX.Infrastructure.Identity.Email;

/// <summary>
/// Identity's e-mail port writing each message as an RFC 5322 .eml file to the outbox folder (and the log), so
/// that password resets work with no mail server; a real sender replaces this registration in production.
/// </summary>
public sealed class OutboxEmailSender(
    IOptions<OutboxOptions> options,
    IHostEnvironment environment,
    TimeProvider clock,
    ILogger<OutboxEmailSender> logger) : IEmailSender<ApplicationUser>
{
    public Task SendConfirmationLinkAsync(ApplicationUser user, string email, string confirmationLink) =>
        WriteAsync(email, "Confirm your DreamX Studio account", $"Confirm your account: {confirmationLink}");

    public Task SendPasswordResetLinkAsync(ApplicationUser user, string email, string resetLink) =>
        WriteAsync(email, "Reset your DreamX Studio password / 重置你的 DreamX 密码",
            $"Someone asked to reset the password of your DreamX Studio account.\r\n" +
            $"Open this link within a day to choose a new one: {resetLink}\r\n\r\n" +
            $"有人请求重置你的 DreamX Studio 账号密码。请在一天内打开此链接设置新密码：{resetLink}\r\n\r\n" +
            "If it was not you, ignore this message. / 如果不是你本人操作，请忽略此邮件。");

    public Task SendPasswordResetCodeAsync(ApplicationUser user, string email, string resetCode) =>
        WriteAsync(email, "Your DreamX Studio reset code", $"Your reset code: {resetCode}");

    /// <summary>The newest message sent to <paramref name="email"/>, for tests and the demo.</summary>
    public string? FindLatest(string email)
    {
        var folder = OutboxFolder();
        if (!Directory.Exists(folder))
            return null;
        var latest = new DirectoryInfo(folder).GetFiles($"*-{Sanitize(email)}.eml").MaxBy(f => f.Name);
        return latest is null ? null : File.ReadAllText(latest.FullName);
    }

    private async Task WriteAsync(string to, string subject, string body)
    {
        var folder = OutboxFolder();
        Directory.CreateDirectory(folder);
        var now = clock.GetUtcNow();
        var message = new StringBuilder()
            .Append("From: ").Append(options.Value.From).Append("\r\n")
            .Append("To: ").Append(to).Append("\r\n")
            .Append("Date: ").Append(now.ToString("r")).Append("\r\n")
            .Append("Subject: =?utf-8?B?").Append(Convert.ToBase64String(Encoding.UTF8.GetBytes(subject))).Append("?=\r\n")
            .Append("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n")
            .Append(body).Append("\r\n")
            .ToString();
        var path = Path.Combine(folder, $"{now:yyyyMMddHHmmssfffffff}-{Sanitize(to)}.eml");
        await File.WriteAllTextAsync(path, message, Encoding.UTF8);
        logger.LogInformation("Mail to {To} ({Subject}) written to the outbox: {Path}", to, subject, path);
    }

    private string OutboxFolder() => Path.GetFullPath(options.Value.OutboxFolder, environment.ContentRootPath);

    private static string Sanitize(string email) =>
        WebUtility.UrlEncode(email.Trim().ToLowerInvariant()).Replace("%40", "@").Replace('%', '_');
}
