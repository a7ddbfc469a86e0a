using System.Collections;

namespace DreamX.Web.Canvas.Core.Models;

/// <summary>An ordered set of models of one type that says when models are added or removed.</summary>
public sealed class Layer<T> : IReadOnlyList<T> where T : Model
{
    private readonly List<T> _items = [];
    private readonly Dictionary<string, T> _byId = new(StringComparer.Ordinal);

    public event Action<T>? Added;
    public event Action<T>? Removed;

    public int Count => _items.Count;
    public T this[int index] => _items[index];

    public T? Find(string id) => _byId.GetValueOrDefault(id);

    public T Add(T item)
    {
        if (!_byId.TryAdd(item.Id, item))
            throw new InvalidOperationException($"The diagram already has '{item.Id}'.");
        _items.Add(item);
        Added?.Invoke(item);
        return item;
    }

    public void AddRange(IEnumerable<T> items)
    {
        foreach (var item in items)
            Add(item);
    }

    public bool Remove(T item)
    {
        if (!_byId.Remove(item.Id))
            return false;
        _items.Remove(item);
        Removed?.Invoke(item);
        return true;
    }

    public void Clear()
    {
        foreach (var item in _items.ToList())
            Remove(item);
    }

    public IEnumerator<T> GetEnumerator() => _items.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
