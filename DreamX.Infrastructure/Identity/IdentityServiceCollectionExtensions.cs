using DreamX.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DreamX.Infrastructure.Identity;

public static class IdentityServiceCollectionExtensions
{
    public const int MaxFailedAccessAttempts = 5;

    /// <summary>ASP.NET Core Identity on our database: password rules, lockout after 5 failures, the two roles.</summary>
    public static IHostApplicationBuilder AddStudioIdentity(this IHostApplicationBuilder builder)
    {
        builder.Services
            .AddIdentity<ApplicationUser, IdentityRole>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedAccount = false;
                // ASVS V6.2: length and a common-password check, no composition rules.
                options.Password.RequiredLength = Passwords.PasswordPolicy.MinLength;
                options.Password.RequiredUniqueChars = 1;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = MaxFailedAccessAttempts;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddPasswordValidator<Passwords.StudioPasswordValidator>()
            .AddEntityFrameworkStores<DreamXDbContext>()
            .AddDefaultTokenProviders();
        builder.Services.AddScoped<UserAccounts>();
        builder.Services.AddOptions<SignUpOptions>().Bind(builder.Configuration.GetSection(SignUpOptions.Section));
        builder.Services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromDays(1));
        builder.Services.AddOptions<Email.OutboxOptions>().Bind(builder.Configuration.GetSection(Email.OutboxOptions.Section));
        builder.Services.AddSingleton<Email.OutboxEmailSender>();
        builder.Services.AddSingleton<IEmailSender<ApplicationUser>>(sp => sp.GetRequiredService<Email.OutboxEmailSender>());
        return builder;
    }
}
