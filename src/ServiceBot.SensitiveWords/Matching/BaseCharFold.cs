namespace ServiceBot.SensitiveWords.Matching;

/// <summary>
/// The base folder under the variant table: case folding here, on top of the compatibility forms
/// <see cref="VariantFolding"/> applies itself.
/// </summary>
internal static class BaseCharFold
{
    public static char Fold(char c) => char.ToLowerInvariant(c);
}
