namespace ServiceBot.ChatBot.Filters.Facts;

/// <summary>What a checkable statement in a reply is.</summary>
internal enum FactKind
{
    /// <summary>An amount of money: ¥99, 8元, 99 yuan, $5.</summary>
    Amount = 0,

    /// <summary>20%, 百分之五, 5 percent.</summary>
    Percent,

    /// <summary>A discount in the Chinese form: 9折, 八五折.</summary>
    Discount,

    /// <summary>1.5倍, 2×, 1.2 times.</summary>
    Multiplier,

    /// <summary>A length of time, or a range of them: 7天, 1–3个工作日, 48 hours, one-year.</summary>
    Duration,

    /// <summary>A time of day: 16:00, 下午4点, 9 am.</summary>
    Time,

    /// <summary>A calendar date or day of the month: 12月31日, 每月1日, June 18.</summary>
    Date,

    /// <summary>A number with a classifier: 3次, 2张, 100积分.</summary>
    Count,

    /// <summary>A bare number.</summary>
    Number,

    Phone,

    Email,

    Url,

    /// <summary>An order, tracking or model number: LM20231118009, SF1402385567, WF-1000XM5.</summary>
    Identifier,

    /// <summary>A product, brand, organisation or other proper name.</summary>
    Name,
}
