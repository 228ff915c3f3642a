using System.Globalization;
using System.Text;

namespace Quarry.Parsing.Sources.Office.Xlsx;

/// <summary>Excel date and time codes (yyyy, mmm, d, h, mm, ss, AM/PM, [h]) on a serial day number.</summary>
internal static class DateFormat
{
    public static string? Format(double serial, string code, bool date1904)
    {
        if (serial < 0 || serial > 2958465)
        {
            return null; // beyond 9999-12-31: Excel shows ####
        }
        var epoch = date1904 ? new DateTime(1904, 1, 1) : new DateTime(1899, 12, 30);
        // Serial 60 is the 1900 leap day Excel pretends existed; days before it are one off from the 1899-12-30 epoch.
        var days = !date1904 && serial < 61 ? serial + 1 : serial;
        var time = epoch.AddMilliseconds(Math.Round(days * 86400000));
        var hasAmPm = code.Contains("AM/PM", StringComparison.OrdinalIgnoreCase) || code.Contains("A/P", StringComparison.OrdinalIgnoreCase);
        var sb = new StringBuilder();
        var lastWasHour = false;
        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            var run = Run(code, i);
            switch (char.ToLowerInvariant(c))
            {
                case '"':
                    var end = code.IndexOf('"', i + 1);
                    end = end < 0 ? code.Length : end;
                    sb.Append(code, i + 1, end - i - 1);
                    i = end;
                    continue;
                case '\\':
                    if (i + 1 < code.Length)
                    {
                        sb.Append(code[++i]);
                    }
                    continue;
                case '[':
                    var close = code.IndexOf(']', i);
                    var tag = close < 0 ? "" : code[(i + 1)..close].ToLowerInvariant();
                    if (tag.StartsWith('h'))
                    {
                        sb.Append(((long)Math.Floor(serial * 24)).ToString(CultureInfo.InvariantCulture));
                        lastWasHour = true;
                    }
                    else if (tag.StartsWith('m'))
                    {
                        sb.Append(((long)Math.Floor(serial * 1440)).ToString(CultureInfo.InvariantCulture));
                    }
                    i = close < 0 ? code.Length : close;
                    continue;
                case 'y':
                    sb.Append(run <= 2 ? (time.Year % 100).ToString("00", CultureInfo.InvariantCulture) : time.Year.ToString(CultureInfo.InvariantCulture));
                    break;
                case 'd':
                    sb.Append(run switch
                    {
                        1 => time.Day.ToString(CultureInfo.InvariantCulture),
                        2 => time.Day.ToString("00", CultureInfo.InvariantCulture),
                        3 => time.ToString("ddd", CultureInfo.InvariantCulture),
                        _ => time.ToString("dddd", CultureInfo.InvariantCulture),
                    });
                    break;
                case 'h':
                    var hour = hasAmPm ? (time.Hour % 12 == 0 ? 12 : time.Hour % 12) : time.Hour;
                    sb.Append(run == 1 ? hour.ToString(CultureInfo.InvariantCulture) : hour.ToString("00", CultureInfo.InvariantCulture));
                    lastWasHour = true;
                    i += run - 1;
                    continue;
                case 'm':
                    // m after an hour or before seconds is minutes; otherwise the month.
                    if (run <= 2 && (lastWasHour || NextIsSeconds(code, i + run)))
                    {
                        sb.Append(run == 1 ? time.Minute.ToString(CultureInfo.InvariantCulture) : time.Minute.ToString("00", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(run switch
                        {
                            1 => time.Month.ToString(CultureInfo.InvariantCulture),
                            2 => time.Month.ToString("00", CultureInfo.InvariantCulture),
                            3 => time.ToString("MMM", CultureInfo.InvariantCulture),
                            5 => time.ToString("MMMM", CultureInfo.InvariantCulture)[..1],
                            _ => time.ToString("MMMM", CultureInfo.InvariantCulture),
                        });
                    }
                    break;
                case 's':
                    sb.Append(run == 1 ? time.Second.ToString(CultureInfo.InvariantCulture) : time.Second.ToString("00", CultureInfo.InvariantCulture));
                    break;
                case 'a' when string.Compare(code, i, "AM/PM", 0, 5, StringComparison.OrdinalIgnoreCase) == 0:
                    sb.Append(time.Hour < 12 ? "AM" : "PM");
                    i += 4;
                    continue;
                case 'a' when string.Compare(code, i, "A/P", 0, 3, StringComparison.OrdinalIgnoreCase) == 0:
                    sb.Append(time.Hour < 12 ? "A" : "P");
                    i += 2;
                    continue;
                case '_':
                    i++;
                    sb.Append(' ');
                    continue;
                default:
                    sb.Append(c);
                    continue;
            }
            lastWasHour = false; // any other date or time token ends "minutes after an hour"
            i += run - 1;
        }
        return sb.ToString();
    }

    /// <summary>How many times the character at <paramref name="at"/> repeats (case-insensitive).</summary>
    private static int Run(string code, int at)
    {
        var n = 1;
        while (at + n < code.Length && char.ToLowerInvariant(code[at + n]) == char.ToLowerInvariant(code[at]))
        {
            n++;
        }
        return n;
    }

    private static bool NextIsSeconds(string code, int from)
    {
        for (var i = from; i < code.Length; i++)
        {
            var c = char.ToLowerInvariant(code[i]);
            if (c == 's')
            {
                return true;
            }
            if (char.IsLetter(c))
            {
                return false;
            }
        }
        return false;
    }
}
