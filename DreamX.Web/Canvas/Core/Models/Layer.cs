using System.Collections;
using Blazor.Diagrams.Core;
using Blazor.Diagrams.Core.Models.Base;

namespace DreamX.Web.Canvas.Core.Models;

/// <summary>
/// A typed view of one of the library's layers (its nodes or its links): the layer holds the models and raises
/// Added/Removed; this lists them as the studio's types and finds them by id (a project has stable keys such as
/// "scene:{id}", and a refresh looks every one of them up).
/// </summary>
public sealed class Layer<T, TBase> : IReadOnlyList<T> where TBase : Model where T : TBase
{
    private readonly BaseLayer<TBase> _layer;
    private readonly Dictionary<string, T> _byId = new(StringComparer.Ordinal);

    public Layer(BaseLayer<TBase> layer)
    {
        _layer = layer;
        layer.Added += item =>
        {
            if (item is not T typed)
                return;
            _byId[typed.Id] = typed;
            Added?.Invoke(typed);
        };
        layer.Removed += item =>
        {
            if (item is not T typed)
                return;
            _byId.Remove(typed.Id);
            Removed?.Invoke(typed);
        };
    }

    public event Action<T>? Added;
    public event Action<T>? Removed;

    public int Count => _layer.Count;
    public T this[int index] => (T)_layer[index];

    public T? Find(string id) => _byId.GetValueOrDefault(id);

    public TItem Add<TItem>(TItem item) where TItem : T
    {
        if (_byId.ContainsKey(item.Id))
            throw new InvalidOperationException($"The diagram already has '{item.Id}'.");
        return _layer.Add(item);
    }

    public bool Remove(T item)
    {
        if (!_byId.ContainsKey(item.Id))
            return false;
        _layer.Remove(item);
        return true;
    }

    public void Clear() => _layer.Clear();

    public IEnumerator<T> GetEnumerator()
    {
        foreach (var item in _layer)
            yield return (T)item;
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
