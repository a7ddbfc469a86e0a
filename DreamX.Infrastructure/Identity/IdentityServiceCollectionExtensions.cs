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
                options.Password.RequiredLength = 8;
                options.Password.RequireDigit = true;
                options.Password.RequireLowercase = true;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = MaxFailedAccessAttempts;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
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
