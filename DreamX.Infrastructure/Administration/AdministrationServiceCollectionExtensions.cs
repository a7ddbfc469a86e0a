using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DreamX.Infrastructure.Administration;

public static class AdministrationServiceCollectionExtensions
{
    /// <summary>The admin console's services: users, prices and the dashboard.</summary>
    public static IHostApplicationBuilder AddAdministration(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<UserAdministration>();
        builder.Services.AddSingleton<CreditPriceBook>();
        builder.Services.AddSingleton<StudioDashboard>();
        return builder;
    }
}
