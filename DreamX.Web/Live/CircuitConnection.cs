using Microsoft.AspNetCore.Components.Server.Circuits;

namespace DreamX.Web.Live;

/// <summary>
/// Whether this circuit's browser is connected. A closed tab leaves its circuit (and its components) alive for the
/// retention period; what tells others "I am here" (the canvas's presence) asks this instead of living on until then.
/// </summary>
public sealed class CircuitConnection : CircuitHandler
{
    public bool IsUp { get; private set; } = true;

    /// <summary>Raised with the new state when the connection goes down or comes back.</summary>
    public event Func<bool, Task>? Changed;

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken) => SetAsync(false);

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken) => SetAsync(true);

    private async Task SetAsync(bool up)
    {
        IsUp = up;
        if (Changed is { } changed)
            await changed(up);
    }
}

public static class CircuitConnectionRegistration
{
    public static IServiceCollection AddCircuitConnection(this IServiceCollection services) => services
        .AddScoped<CircuitConnection>()
        .AddScoped<CircuitHandler>(sp => sp.GetRequiredService<CircuitConnection>());
}
