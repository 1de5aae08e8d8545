namespace CircuitSim.Viz.Controls;

/// <summary>GLFW key codes (glfw3.h): the window's key callback and the headless <c>--press</c> both speak them.</summary>
public static class Keys
{
    public const int Space = 32, Minus = 45, Equal = 61, Digit1 = 49, Digit9 = 57, A = 65, Z = 90;
    public const int Escape = 256, Enter = 257, Right = 262, Left = 263, Down = 264, Up = 265, F1 = 290;
    public const int KeypadSubtract = 333, KeypadAdd = 334, KeypadEnter = 335;
    public const int ShiftBit = 1;

    /// <summary>The code of a key named on the command line: a letter or digit, or space, enter, up, down, left, right, plus, minus, esc, f1.</summary>
    public static int? Parse(string name)
    {
        if (name.Length == 1)
        {
            char c = char.ToUpperInvariant(name[0]);
            if (c is >= 'A' and <= 'Z' or >= '0' and <= '9') return c;
            if (c == '+') return Equal;
            if (c == '-') return Minus;
            if (c == ' ') return Space;
        }
        return name.ToLowerInvariant() switch
        {
            "space" => Space, "enter" or "return" => Enter, "up" => Up, "down" => Down, "left" => Left, "right" => Right,
            "plus" => Equal, "minus" => Minus, "esc" or "escape" => Escape, "f1" => F1,
            _ => null,
        };
    }
}
