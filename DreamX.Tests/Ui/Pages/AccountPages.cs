using DreamX.Tests.Ui.Support;
using Microsoft.Playwright;

namespace DreamX.Tests.Ui.Pages;

public sealed class LoginPage(IPage page) : StudioPage(page)
{
    public async Task<LoginPage> OpenAsync(string returnUrl = "")
    {
        await Page.GotoAsync("/account/login" + (returnUrl.Length > 0 ? "?returnUrl=" + Uri.EscapeDataString(returnUrl) : ""));
        await WaitForInteractiveAsync();
        return this;
    }

    /// <summary>
    /// Logs in and waits for the page it leads to to be interactive (a click before that would be lost). A login the
    /// form refuses fails at once with the form's message, not after a navigation timeout that says nothing.
    /// </summary>
    public async Task LogInAsync(string email, string password)
    {
        await AttemptLogInAsync(email, password);
        var left = Page.WaitForAddressAsync(new System.Text.RegularExpressions.Regex("^(?!.*/account/login)", System.Text.RegularExpressions.RegexOptions.IgnoreCase));
        var refused = Error.WaitForAsync();
        if (await Task.WhenAny(left, refused) == refused && !refused.IsFaulted)
            throw new InvalidOperationException($"The login of {email} was refused: {await Error.InnerTextAsync()}");
        await left;
        await WaitForInteractiveAsync();
    }

    /// <summary>Submits the form and stays: for a login that is meant to be refused.</summary>
    public async Task AttemptLogInAsync(string email, string password)
    {
        await Input("login-email").FillAsync(email);
        await Input("login-password").FillAsync(password);
        await Submit.ClickAsync();
    }

    public ILocator Submit => TestId("login-submit");

    public ILocator Error => TestId("login-error");
}

public sealed class RegisterPage(IPage page) : StudioPage(page)
{
    public async Task<RegisterPage> OpenAsync()
    {
        await Page.GotoAsync("/account/register");
        await WaitForInteractiveAsync();
        return this;
    }

    public async Task RegisterAsync(string email, string password, string nickname = "")
    {
        await Input("register-email").FillAsync(email);
        if (nickname.Length > 0)
            await Input("register-nickname").FillAsync(nickname);
        await Input("register-password").FillAsync(password);
        await Input("register-confirm").FillAsync(password);
        await TestId("register-submit").ClickAsync();
    }

    public ILocator Error => TestId("register-error");
}
