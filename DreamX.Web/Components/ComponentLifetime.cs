namespace DreamX.Web.Components;

/// <summary>
/// A page's lifetime as a cancellation token, cancelled when the page goes. The token is taken once, when the page is
/// made, so work still running after the page was disposed (the creator navigated away while it loaded) reads a
/// cancelled token and stops, instead of asking a disposed <see cref="CancellationTokenSource"/> for one: that throws,
/// and an exception in a page's lifecycle ends the whole circuit, taking the page the creator went to with it.
/// </summary>
public sealed class ComponentLifetime : IDisposable
{
    private readonly CancellationTokenSource _source = new();

    public ComponentLifetime() => Token = _source.Token;

    public CancellationToken Token { get; }

    public void Dispose()
    {
        _source.Cancel();
        _source.Dispose();
    }
}
