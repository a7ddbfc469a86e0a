using DreamX.Infrastructure.Identity;
using DreamX.Infrastructure.Identity.Passwords;
using DreamX.Tests.Ui.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace DreamX.Tests.Infrastructure.Identity;

public sealed class PasswordPolicyTests
{
    [Theory]
    [InlineData("Password123!")]
    [InlineData("password1234")]
    [InlineData("qwertyuiop123")]
    [InlineData("iloveyou2024!!")]
    [InlineData("1234567890123")]
    [InlineData("PASSWORD1234")]
    public void Common_passwords_and_common_words_with_a_suffix_are_refused(string password) =>
        Assert.Equal(PasswordProblem.TooCommon, PasswordPolicy.Check(password));

    [Theory]
    [InlineData("password1")]
    [InlineData("qwerty123")]
    [InlineData("short-1")]
    [InlineData("")]
    public void Passwords_under_twelve_characters_are_refused(string password) =>
        Assert.Equal(PasswordProblem.TooShort, PasswordPolicy.Check(password));

    [Theory]
    [InlineData("correct horse battery staple and a lantern by the quiet harbour")]
    [InlineData("月光下的外卖骑手捡到一部旧手机")]
    [InlineData("night-shift-7")]
    [InlineData("ALLCAPSNOSPACESNODIGITS")]
    public void Passphrases_of_any_composition_are_accepted(string password) =>
        Assert.Equal(PasswordProblem.None, PasswordPolicy.Check(password));

    [Fact]
    public void A_sixty_four_character_passphrase_without_a_digit_is_accepted_and_over_128_is_refused()
    {
        const string passphrase = "the lantern by the harbour keeps burning while the river sleeps.";
        Assert.Equal(64, passphrase.Length);
        Assert.Equal(PasswordProblem.None, PasswordPolicy.Check(passphrase));
        Assert.Equal(PasswordProblem.TooLong, PasswordPolicy.Check(new string('x', 129)));
    }

    [Fact]
    public void The_shipped_list_holds_the_ten_thousand_most_common_passwords() =>
        Assert.True(PasswordPolicy.CommonPasswordCount >= 10_000, $"{PasswordPolicy.CommonPasswordCount} passwords");
}

/// <summary>The rule as Identity applies it on registration, through the studio's own UserManager on PostgreSQL.</summary>
[Collection(UiCollection.Name)]
public sealed class PasswordPolicyOnRegistrationTests(UiFixture ui)
{
    [Theory]
    [InlineData("Password123!", StudioPasswordValidator.TooCommonCode)]
    [InlineData("qwerty123", "PasswordTooShort")]
    public async Task Registration_with_a_weak_password_is_refused_with_its_reason(string password, string code)
    {
        await using var scope = ui.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var email = $"weak-{Guid.NewGuid():N}@example.com";

        var created = await users.CreateAsync(new ApplicationUser { UserName = email, Email = email }, password);

        Assert.False(created.Succeeded);
        Assert.Contains(created.Errors, e => e.Code == code);
    }

    [Fact]
    public async Task A_long_passphrase_without_digits_or_capitals_registers()
    {
        await using var scope = ui.App.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<UserAccounts>();

        var registered = await accounts.RegisterAsync(
            $"phrase-{Guid.NewGuid():N}@example.com", "lantern harbour quiet river stone path under the old bridge at dusk", "Phrase");

        Assert.True(registered.IsSuccess, registered.Error);
    }
}
