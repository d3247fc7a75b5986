using System.Globalization;
using System.Text;

namespace ServiceBot.Text.Segmentation;

/// <summary>
/// Reads the Python dict literals jieba ships its HMM tables in (<c>P={'B': {'\u4e00': -3.65, ...}, ...}</c>):
/// nested dicts with string keys and float or dict values. Nothing is executed.
/// </summary>
internal sealed class PythonLiteralReader
{
    private readonly string _text;
    private readonly string _source;
    private int _pos;

    private PythonLiteralReader(string text, string source)
    {
        _text = text;
        _source = source;
    }

    /// <summary>Parses the dict assigned to <c>P</c> in a jieba model file.</summary>
    /// <exception cref="InvalidDataException">The file is not such a literal; the message names the file and offset.</exception>
    public static Dictionary<string, object> ReadAssignedDict(string text, string source)
    {
        var reader = new PythonLiteralReader(text, source);
        var at = text.IndexOf("P=", StringComparison.Ordinal);
        if (at < 0)
        {
            at = text.IndexOf("P =", StringComparison.Ordinal);
        }

        if (at < 0)
        {
            throw reader.Error("no 'P = {...}' assignment");
        }

        reader._pos = text.IndexOf('{', at);
        if (reader._pos < 0)
        {
            throw reader.Error("no dict after 'P ='");
        }

        return reader.ReadDict();
    }

    private Dictionary<string, object> ReadDict()
    {
        Expect('{');
        var result = new Dictionary<string, object>(StringComparer.Ordinal);
        while (true)
        {
            SkipSpace();
            if (Peek() == '}')
            {
                _pos++;
                return result;
            }

            var key = ReadString();
            SkipSpace();
            Expect(':');
            SkipSpace();
            object value = Peek() == '{' ? ReadDict() : ReadNumber();
            result[key] = value;
            SkipSpace();
            if (Peek() == ',')
            {
                _pos++;
            }
            else if (Peek() != '}')
            {
                throw Error("expected ',' or '}'");
            }
        }
    }

    private string ReadString()
    {
        var quote = Peek();
        if (quote is not '\'' and not '"')
        {
            throw Error("expected a string key");
        }

        _pos++;
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length)
            {
                throw Error("unterminated string");
            }

            var c = _text[_pos++];
            if (c == quote)
            {
                return sb.ToString();
            }

            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }

            var e = _text[_pos++];
            switch (e)
            {
                case 'u':
                    sb.Append((char)ParseHex(4));
                    break;
                case 'U':
                    sb.Append(char.ConvertFromUtf32(ParseHex(8)));
                    break;
                case 'x':
                    sb.Append((char)ParseHex(2));
                    break;
                case 'n':
                    sb.Append('\n');
                    break;
                case 't':
                    sb.Append('\t');
                    break;
                case 'r':
                    sb.Append('\r');
                    break;
                default:
                    sb.Append(e);
                    break;
            }
        }
    }

    private int ParseHex(int digits)
    {
        if (_pos + digits > _text.Length
            || !int.TryParse(_text.AsSpan(_pos, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            throw Error("bad escape sequence");
        }

        _pos += digits;
        return value;
    }

    private double ReadNumber()
    {
        var start = _pos;
        while (_pos < _text.Length && (char.IsAsciiDigit(_text[_pos]) || _text[_pos] is '-' or '+' or '.' or 'e' or 'E'))
        {
            _pos++;
        }

        // .NET parses the shortest round-trip repr Python writes back to the same double.
        if (!double.TryParse(_text.AsSpan(start, _pos - start), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw Error("expected a number");
        }

        return value;
    }

    private void SkipSpace()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos]))
        {
            _pos++;
        }
    }

    private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

    private void Expect(char c)
    {
        if (Peek() != c)
        {
            throw Error($"expected '{c}'");
        }

        _pos++;
    }

    private InvalidDataException Error(string what) => new($"{_source}: {what} at offset {_pos}.");
}
