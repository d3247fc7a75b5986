using ServiceBot.Abstractions.Retrieval;

namespace ServiceBot.ChatBot.Tests.Support;

/// <summary>A few passages in the shape of the sample shop's knowledge, for grounding tests.</summary>
internal static class ShopPassages
{
    public static RetrievedPassage[] All { get; } =
    [
        new("returns-how", "faq", "怎么退货？", "自签收次日起7天内可申请无理由退货，入口：我的订单 → 申请售后。商品需完好，包装、配件、赠品、发票齐全。", 0),
        new("refund-time", "faq", "退款多久到账？", "仓库收到退货并验收后，1-3个工作日内原路退款。", 0),
        new("shipping-fee", "faq", "运费怎么算？", "订单实付满99元包邮，不满99元收取运费8元。", 0),
        new("returns-excluded", "faq", "哪些商品不支持无理由退货？", "定制商品、已拆封的入耳式耳机、贴身衣物不支持无理由退货。", 0),
        new("returns-excluded-en", "faq", "What can't be returned without a reason?", "Custom-made items and opened in-ear earphones cannot be returned without a reason.", 0),
        new("returns-how-en", "faq", "How do I return an item?", "You can return an item within 7 days of delivery without giving a reason: My Orders → After-sales.", 0),
    ];
}
