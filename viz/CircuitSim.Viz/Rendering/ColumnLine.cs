namespace CircuitSim.Viz.Rendering;

/// <summary>
/// A line through many samples drawn as one vertical span per pixel column (the samples' lowest to highest
/// point in that column, joined to the previous column), so that a minute of samples on a few hundred
/// pixels costs a few hundred quads, not thousands, and no peak is lost.
/// </summary>
internal struct ColumnLine(DrawList d, Rgba colour, float width = 1.5f)
{
    private int _column = int.MinValue;
    private float _lo, _hi, _last = float.NaN;

    public void Add(float x, float y)
    {
        int c = (int)MathF.Floor(x);
        if (c != _column)
        {
            Flush();
            _column = c;
            // join to where the previous column ended, so the line is continuous
            _lo = _hi = y;
            if (!float.IsNaN(_last)) { _lo = MathF.Min(_lo, _last); _hi = MathF.Max(_hi, _last); }
        }
        else { _lo = MathF.Min(_lo, y); _hi = MathF.Max(_hi, y); }
        _last = y;
    }

    /// <summary>Draws the last column (call once after the last sample).</summary>
    public void Flush()
    {
        if (_column == int.MinValue) return;
        d.Rect(_column, _lo - width / 2, width, _hi - _lo + width, colour);
        _column = int.MinValue;
    }
}
