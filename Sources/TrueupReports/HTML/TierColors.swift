import Trueup

/// The colour and label of each tier in the report's charts.
///
/// The colours are from the Okabe–Ito palette (Okabe and Ito, "Color Universal Design",
/// 2008), chosen to stay distinct for readers with the common forms of colour blindness:
/// vermillion for unreliable, orange for watch, blue for trusted, and a neutral grey for
/// customers with too little history to judge, reddish purple for the unscored (never forecast). Charts never rely on colour alone: every
/// dot has a tooltip and the flagged customers are listed by name.
public enum TierColors {
    /// The fill of `tier`, as #RRGGBB.
    public static func hex(_ tier: Tier) -> String {
        switch tier {
        case .unreliable: return "#D55E00"
        case .watch: return "#E69F00"
        case .insufficientData: return "#999999"
        case .trusted: return "#0072B2"
        case .unscored: return "#CC79A7"
        }
    }

    /// How a planner reads the tier's name.
    public static func label(_ tier: Tier) -> String {
        switch tier {
        case .unreliable: return "unreliable"
        case .watch: return "watch"
        case .insufficientData: return "insufficient data"
        case .trusted: return "trusted"
        case .unscored: return "unscored"
        }
    }
}
