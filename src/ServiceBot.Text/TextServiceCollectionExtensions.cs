using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServiceBot.Abstractions.Bots;
using ServiceBot.Abstractions.Text;
using ServiceBot.Text.Keywords;
using ServiceBot.Text.Normalization;
using ServiceBot.Text.Segmentation;
using ServiceBot.Text.Synonyms;

namespace ServiceBot.Text;

/// <summary>Registers text analysis in the service container.</summary>
public static class TextServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ITextAnalyzer"/>, <see cref="ICharFolder"/>, <see cref="TextNormalizer"/>,
    /// <see cref="JiebaSegmenter"/>, <see cref="KeywordExtractor"/>, <see cref="ISynonymExpander"/> and the
    /// per-bot text initializer as singletons, with <see cref="TextOptions"/> bound from <c>ServiceBot:Text</c>
    /// and validated at start (a missing dictionary or OpenCC stops the host with a message that says how to install it).
    /// </summary>
    public static IServiceCollection AddServiceBotText(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<TextOptions>()
            .Bind(configuration.GetSection(TextOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<TextOptions>, TextOptionsValidator>();

        services.AddSingleton(sp => TextAnalysis.Create(sp.GetRequiredService<IOptions<TextOptions>>().Value, sp.GetService<ILoggerFactory>()));
        services.AddSingleton(sp => sp.GetRequiredService<TextAnalysis>().Analyzer);
        services.AddSingleton(sp => sp.GetRequiredService<TextAnalysis>().CharFolder);
        services.AddSingleton(sp => sp.GetRequiredService<TextAnalysis>().Normalizer);
        services.AddSingleton(sp => sp.GetRequiredService<TextAnalysis>().Segmenter);
        services.AddSingleton(sp => sp.GetRequiredService<TextAnalysis>().Keywords);
        services.AddSingleton<BotSynonymExpander>();
        services.AddSingleton<ISynonymExpander>(sp => sp.GetRequiredService<BotSynonymExpander>());
        services.AddSingleton<IBotInitializer, TextBotInitializer>();
        return services;
    }
}
