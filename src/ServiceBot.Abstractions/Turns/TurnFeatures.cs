namespace ServiceBot.Abstractions.Turns;

/// <summary>
/// Typed annotations that one stage leaves for later ones within a turn (a rejector verdict, the
/// recalled sources of a generated reply…), keyed by type so stages need share only the type.
/// </summary>
/// <remarks>Not thread-safe; a turn runs its stages one after another.</remarks>
public sealed class TurnFeatures
{
    private readonly Dictionary<Type, object> _items = [];

    /// <summary>Returns the annotation of type <typeparamref name="T"/>, or null when none was set.</summary>
    public T? Get<T>()
        where T : class => _items.TryGetValue(typeof(T), out var value) ? (T)value : null;

    /// <summary>Sets (or replaces) the annotation of type <typeparamref name="T"/>.</summary>
    public void Set<T>(T value)
        where T : class => _items[typeof(T)] = value;

    /// <summary>Removes the annotation of type <typeparamref name="T"/>.</summary>
    public bool Remove<T>()
        where T : class => _items.Remove(typeof(T));
}
