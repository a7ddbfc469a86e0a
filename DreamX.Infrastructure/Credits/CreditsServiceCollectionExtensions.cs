using DreamX.Domain.Credits;
using Microsoft.Extensions.DependencyInjection;

namespace DreamX.Infrastructure.Credits;

public static class CreditsServiceCollectionExtensions
{
    /// <summary>The credit ledger (the wallet and its append-only entries).</summary>
    public static IServiceCollection AddCredits(this IServiceCollection services)
    {
        services.AddSingleton<ICreditLedger, CreditLedger>();
        return services;
    }
}
