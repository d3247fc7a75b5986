using System.Text;

namespace ServiceBot.SensitiveWords.Pii;

/// <summary>
/// Finds phone numbers, identity card numbers, bank card numbers and e-mail addresses in customer
/// text, and masks them.
/// </summary>
/// <remarks>
/// <para>
/// A hand-written single pass rather than regular expressions: linear in the text for any input, no
/// backtracking, no allocation when nothing is found. Numbers are read as digit groups joined by single
/// spaces or hyphens ("138 1234 5678", "6222-0212-3456-7890"), full-width digits included, and must
/// stand apart from Latin letters and other digits so order ids such as <c>LM2024112200001</c> are not
/// taken for phone or card numbers. Service numbers (400/800 hotlines, 95xxx) are not personal and are
/// not reported.
/// </para>
/// <para>Stateless and thread-safe; never throws for any string.</para>
/// </remarks>
public static class PiiDetector
{
    private const int MaxDigits = 24;
    private static readonly int[] IdWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string IdCheckDigits = "10X98765432";

    /// <summary>All personal data in <paramref name="text"/>, by start.</summary>
    public static IReadOnlyList<PiiMatch> Find(ReadOnlySpan<char> text)
    {
        List<PiiMatch>? result = null;
        Span<char> digits = stackalloc char[MaxDigits];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '@')
            {
                if (TryEmail(text, i, out var start, out var end))
                {
                    RemoveOverlapping(result, start);
                    (result ??= []).Add(new PiiMatch(PiiKind.Email, start, end - start));
                    i = end - 1;
                }

                continue;
            }

            var startsNumber = IsDigit(c) || (c is '+' or '＋' && i + 1 < text.Length && IsDigit(text[i + 1]));
            if (!startsNumber || (i > 0 && IsWordChar(text[i - 1])))
            {
                continue;
            }

            var groupEnd = ReadNumber(text, i, digits, out var count, out var hasCheckX);
            if (count > 0 && !(groupEnd < text.Length && IsWordChar(text[groupEnd])) && Classify(digits[..count], c is '+' or '＋', hasCheckX) is { } kind)
            {
                (result ??= []).Add(new PiiMatch(kind, i, groupEnd - i));
            }

            // Skip the rest of the group so its digits are not read again as a new number.
            i = Math.Max(i, groupEnd - 1);
        }

        return result is null ? [] : result;
    }

    /// <summary>
    /// Masks personal data in <paramref name="text"/>, keeping what operators need to tell numbers
    /// apart: the last four digits, and the first three of a phone number (138****5678), and the first
    /// letter and domain of an e-mail address (z***@example.com).
    /// </summary>
    public static string Mask(string text, IReadOnlyList<PiiMatch> matches, char mask = '*')
    {
        if (matches.Count == 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        var position = 0;
        foreach (var match in matches.OrderBy(m => m.Start))
        {
            if (match.Start < position)
            {
                continue;
            }

            builder.Append(text, position, match.Start - position);
            var span = text.AsSpan(match.Start, match.Length);
            if (match.Kind == PiiKind.Email)
            {
                var at = span.IndexOf('@');
                builder.Append(span[0]).Append(mask, 3).Append(span[at..]);
            }
            else
            {
                var total = 0;
                foreach (var ch in span)
                {
                    total += IsDigit(ch) || ch is 'x' or 'X' or 'ｘ' or 'Ｘ' ? 1 : 0;
                }

                var keepHead = match.Kind == PiiKind.Phone && total >= 11 ? 3 : 0;
                var seen = 0;
                foreach (var ch in span)
                {
                    var isDigit = IsDigit(ch) || ch is 'x' or 'X' or 'ｘ' or 'Ｘ';
                    if (!isDigit)
                    {
                        builder.Append(ch);
                        continue;
                    }

                    seen++;
                    builder.Append(seen <= keepHead || seen > total - 4 ? ch : mask);
                }
            }

            position = match.End;
        }

        builder.Append(text, position, text.Length - position);
        return builder.ToString();
    }

    private static PiiKind? Classify(ReadOnlySpan<char> d, bool international, bool hasCheckX)
    {
        var n = d.Length;
        if (n == 18 && IsIdCard(d))
        {
            return PiiKind.IdCard;
        }

        if (hasCheckX)
        {
            return null;
        }

        if (IsMobile(d) || (n == 13 && d.StartsWith("86") && IsMobile(d[2..])) || (n == 15 && d.StartsWith("0086") && IsMobile(d[4..])))
        {
            return PiiKind.Phone;
        }

        // Landline: 0 + a 2–3 digit area code + a 7–8 digit number ("010-12345678", "0755 1234567").
        if (!international && n is >= 10 and <= 12 && d[0] == '0' && d[1] != '0')
        {
            return PiiKind.Phone;
        }

        if (!international && n is >= 13 and <= 19 && HasCardPrefix(d) && PassesLuhn(d))
        {
            return PiiKind.BankCard;
        }

        return international && n is >= 8 and <= 15 ? PiiKind.Phone : null;
    }

    private static bool IsMobile(ReadOnlySpan<char> d) => d.Length == 11 && d[0] == '1' && d[1] is >= '3' and <= '9';

    /// <summary>GB 11643: region (first digit 1–8), a real birth date, and the ISO 7064 MOD 11-2 check character.</summary>
    private static bool IsIdCard(ReadOnlySpan<char> d)
    {
        if (d[0] is < '1' or > '8')
        {
            return false;
        }

        var year = Number(d.Slice(6, 4));
        var month = Number(d.Slice(10, 2));
        var day = Number(d.Slice(12, 2));
        if (year is < 1900 or > 2100 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        var sum = 0;
        for (var k = 0; k < 17; k++)
        {
            if (!char.IsAsciiDigit(d[k]))
            {
                return false;
            }

            sum += (d[k] - '0') * IdWeights[k];
        }

        return IdCheckDigits[sum % 11] == char.ToUpperInvariant(d[17]);
    }

    /// <summary>UnionPay 62, Visa 4, Mastercard 51–55 and 22–27, Amex 34/37, JCB 35, Discover 60/64/65.</summary>
    private static bool HasCardPrefix(ReadOnlySpan<char> d) => d[0] switch
    {
        '4' => true,
        '5' => d[1] is >= '1' and <= '5',
        '2' => d[1] is >= '2' and <= '7',
        '3' => d[1] is '4' or '5' or '7',
        '6' => d[1] is '0' or '2' or '4' or '5',
        _ => false,
    };

    private static bool PassesLuhn(ReadOnlySpan<char> d)
    {
        var sum = 0;
        var doubleIt = false;
        for (var k = d.Length - 1; k >= 0; k--)
        {
            var v = d[k] - '0';
            if (doubleIt)
            {
                v *= 2;
                if (v > 9)
                {
                    v -= 9;
                }
            }

            sum += v;
            doubleIt = !doubleIt;
        }

        return sum % 10 == 0;
    }

    /// <summary>Reads digits joined by single spaces or hyphens; returns the index after the number.</summary>
    private static int ReadNumber(ReadOnlySpan<char> text, int start, Span<char> digits, out int count, out bool hasCheckX)
    {
        count = 0;
        hasCheckX = false;
        var i = start;
        if (text[i] is '+' or '＋')
        {
            i++;
        }

        var end = i;
        while (i < text.Length)
        {
            var c = text[i];
            if (IsDigit(c))
            {
                if (count == MaxDigits)
                {
                    count = 0; // far too long for any personal number: some other figure
                    return SkipDigits(text, i);
                }

                digits[count++] = (char)('0' + DigitValue(c));
                end = ++i;
                continue;
            }

            if (count == 17 && c is 'x' or 'X' or 'ｘ' or 'Ｘ')
            {
                digits[count++] = 'X';
                hasCheckX = true;
                return i + 1;
            }

            if (c is ' ' or '-' or '－' && i + 1 < text.Length && IsDigit(text[i + 1]) && count > 0)
            {
                i++;
                continue;
            }

            break;
        }

        return end;
    }

    private static int SkipDigits(ReadOnlySpan<char> text, int i)
    {
        while (i < text.Length && (IsDigit(text[i]) || (text[i] is ' ' or '-' && i + 1 < text.Length && IsDigit(text[i + 1]))))
        {
            i++;
        }

        return i;
    }

    private static bool TryEmail(ReadOnlySpan<char> text, int at, out int start, out int end)
    {
        start = at;
        while (start > 0 && IsLocalChar(text[start - 1]))
        {
            start--;
        }

        while (start < at && text[start] == '.')
        {
            start++;
        }

        end = at + 1;
        var lastDot = -1;
        while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '-' || (text[end] == '.' && end + 1 < text.Length && char.IsAsciiLetterOrDigit(text[end + 1]))))
        {
            if (text[end] == '.')
            {
                lastDot = end;
            }

            end++;
        }

        if (start == at || lastDot < 0 || end - lastDot - 1 < 2)
        {
            return false;
        }

        foreach (var c in text[(lastDot + 1)..end])
        {
            if (!char.IsAsciiLetter(c))
            {
                return false;
            }
        }

        return true;
    }

    private static void RemoveOverlapping(List<PiiMatch>? result, int start)
    {
        // "13812345678@163.com" first reads as a phone number; the address that contains it wins.
        if (result is { Count: > 0 } && result[^1].End > start)
        {
            result.RemoveAt(result.Count - 1);
        }
    }

    private static bool IsLocalChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '%' or '+' or '-';

    private static bool IsDigit(char c) => c is >= '0' and <= '9' or >= '０' and <= '９';

    private static int DigitValue(char c) => c <= '9' ? c - '0' : c - '０';

    private static bool IsWordChar(char c) => IsDigit(c) || char.IsAsciiLetter(c);

    private static int Number(ReadOnlySpan<char> d)
    {
        var value = 0;
        foreach (var c in d)
        {
            if (!char.IsAsciiDigit(c))
            {
                return -1;
            }

            value = (value * 10) + (c - '0');
        }

        return value;
    }
}
