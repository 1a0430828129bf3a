"""The shape of analysis/data/lexicon.yaml: its keys and their types, checked when it is loaded."""

from __future__ import annotations

from ..project.errors import DataError


class LexiconError(DataError, ValueError):
    """lexicon.yaml does not have the shape the rules need: one line naming the key."""


# The shape of lexicon.yaml: every top-level key and its type; the sections' keys, each a list.
SCHEMA = {"magnitudes": dict, "units": dict, "implied_units": dict, "qualifiers": dict, "exclusions": dict,
          "cn_amount_cues": list, "growth_verbs": list, "change_verbs": list, "comparison_cues": list,
          "growth_to_suffixes": list, "growth_after": list, "growth_fillers": list, "share_words": list,
          "kind_cues": dict, "descriptors": dict, "timing": dict, "subjects": dict, "sections": dict,
          "plan_periods": dict, "metric_strip_prefix": list, "metric_strip_suffix": list, "sectors": dict,
          "sector_pairs": dict, "sector_by_unit": dict, "respectively_pairs": dict, "metric_owners": list,
          "qualified_heads": dict, "qualified_head_open_words": list, "metric_heads": list, "list_verbs": list, "own_region_words": list,
          "regions": dict, "document": dict, "concept_words": dict,
          "implied_generic": list, "milestone_nouns": list, "milestone_phrases": list, "circumstance_ends": list,
          "metric_action_verbs": list, "metric_action_adverbs": list, "metric_action_not_before": list,
          "metric_action_joined_nouns": list, "metric_end_words": list,
          "metric_predicate_words": list, "counted_noun_predicates": list, "counted_noun_end_words": dict, "selection_prefix": str, "purpose_verbs": list, "owned_heads": list, "addition_prefixes": list, "count_classifiers": list, "addition_words": list, "selection_predicates": list,
          "shared_owner_heads": list, "measure_endings": list, "example_class_heads": list, "example_not_deng": list, "zai_nouns": list, "metric_creation_verbs": list, "metric_creation_not_after": list,
          "direction": dict, "commitment": dict, "scorecard": dict,
          "meaning": dict, "reading": dict, "extraction": dict, "name_lists": dict, "name_verbs": dict, "name_shapes": dict,
          "year_word": str,
          "national_region": str}  # value_signed, commitment, verdicts
_SUBKEYS = {"qualifiers": ("prefix", "suffix", "inner", "inclusive"), "kind_cues": ("context", "achieved", "past", "forecast",
            "forecast_plan", "target", "standing_set", "plan_in_review"), "descriptors": ("units", "before", "after", "age_after", "threshold_after"),
            "timing": ("multi_year", "by_year", "plan_goal", "part_year", "full_year", "this_year", "baseline_start",
                       "baseline_end", "basis", "five_year_flow", "five_year_stock", "five_year_flow_after", "five_year_floor", "five_year_held", "stated_year", "five_year_event_units",
                       "item_separator_re", "level_item_verbs"),
            "name_lists": ("noun_tags", "not_noun_tags", "opening_not_tags", "never_tags", "never_open_tags", "predicate_tags", "end_not_tags", "item_join_re", "han_re", "each_words", "list_items_max", "shared_marks", "selected_heads", "owner_heads",
                           "owner_max", "owned_measures"),
            "concept_words": ("fillers", "levels", "level_heads"), "direction": ("decline",),
            "scorecard": ("about_margin", "counting_words", "share_label_words", "addition_verbs", "stock_words",
                          "qualified_head_min", "qualifier_tags", "predicate_tags", "qualifier_strip", "same_words"),
            "meaning": ("growth_target", "bare_growth", "population_after"),
            "reading": (
                "review_opening_re", "plan_opening_re", "page_marker_core_re", "page_marker_prefix",
                "page_line_re", "heading_number_re", "not_plain_chars", "caption_template", "speaker_template",
                "government_template", "self_named_template", "stage_template", "session_re", "session_split_re",
                "session_place_re", "date_re", "cn_date_re", "title_re", "report_title_word", "source_word",
                "national_congress", "state_council", "state_council_speaks", "state_council_re",
                "not_county_suffix", "address_word", "not_place_starts", "province_suffixes", "year_re",
                "year_number_re", "year_named_re", "this_year", "review_word", "top_heading_re", "sub_heading_re",
                "review_title", "problems_title", "targets_title", "five_year_title", "livelihood_annex_words",
                "announced_sections_re", "page_marker_re"),
            "extraction": (
                "change_to_re", "basis_after_word", "entity_suffix_re", "region_place_suffix_re", "topic_modal_re",
                "respectively", "own_region_opening_re", "zone_identity_re", "connector_re", "range_re",
                "percent_cn_word", "percent_cn_re", "decimal_point_word", "fraction_word", "fraction_cn_re",
                "fraction_re", "ratio_re", "ratio_noun_re", "cn_event_units", "cn_event_action_re",
                "cn_event_action_before_re", "cn_event_not_heads", "milestone_cues", "not_unit_words", "rank_context_re", "ordinal_prefix",
                "rank_unit", "magnitude_en", "cn_magnitudes", "inner_more_alt", "before_cn_run_not",
                "lone_numerals", "round_numerals", "ten_numeral", "floor_word", "lone_word_numeral", "tenths_unit",
                "change_units", "year_not_length", "person_unit", "money_unit", "implied_unit_en", "age_unit",
                "growth_word", "baseline_gap_strip", "stretch_re", "aim_gap_template", "to_words",
                "not_growth_ends", "estimate_re", "measure_noun_re", "age_re", "time_words_re", "right_stop_re",
                "examples_re", "topic_re", "lead_re", "item_split_re", "year_words_re", "word_start_re",
                "share_of_re", "note_or_threshold_re", "open_end_re", "list_end_re", "pair_re", "and_above_re",
                "total_gap_re", "years_after_re", "added_end_re", "rank_tail_re", "rank_after_re", "numbers_re",
                "comparison_only_re", "to_gap_re", "decrease_re", "share_tail_re", "versus_re", "share_zh_re",
                "share_split_re", "bare_heads", "share_heads", "bare_words", "rate_units", "versus_en", "of_word",
                "examples_word", "threshold_words", "threshold_and", "list_gap_re", "list_gaps", "list_continue",
                "list_chars", "circumstance_word", "topic_owned_starts", "firm_words", "growth_rate_word",
                "rank_word", "share_of_starts", "bare_rank_names", "addition_en", "range_dash_chars",
                "list_comma", "implied_verb_gap", "per_unit_tail_re", "rank_from_words", "rank_frame_chars",
                "predicate_open_tags", "predicate_noun_tags", "predicate_bare_max", "predicate_open_verbs",
                "predicate_state_verbs", "addition_mark", "pair_words", "pair_first_max", "bare_measure_max", "owner_max", "growth_adverbs", "list_shared_marks", "topic_measures", "topic_owner_re", "topic_owner_head",
                "first_owner_endings"),
            "name_verbs": ("defining", "defining_predicates", "become_words", "policy", "policy_predicates", "closing_predicates",
                           "closing_words", "dangling_words", "edge_words", "unit_after", "min_noun", "item_split_re",
                           "number_re", "item_classifiers", "list_marks", "particle", "selecting", "selected_max",
                           "clause_end_re", "batch_re"),
            "name_shapes": ("enumeration_re", "min_noun", "gap_re", "gap_units", "gap_between_re", "rate_word",
                            "rate_words", "reach_verbs", "reach_nouns", "period_change_re", "list_gaps", "clause_ends",
                            "pair_between_re", "shared_gap_re", "shared_gap_units", "average_word",
                            "percent", "list_scopes", "list_prepositions", "run_joiners", "of_word",
                            "threshold_modifier_re", "share_verb", "share_whole_re", "share_bare_re", "share_noun",
                            "shared_acts", "act_joiners", "manner_ends", "act_links", "act_measures",
                            "respectively_word", "defining_re", "list_closing_acts", "respective_verbs", "respective_measure_re", "respective_nouns"),
            "document": ("opening", "caption_words", "speaker_titles", "place_suffixes", "county_suffixes",
                         "national_words", "plan_heading_words", "period_start_words", "period_end_words", "level_of_suffix",
                         "national_content_words", "regional_content_words"),
            "subjects": ("entities", "entity_pattern", "not_entity", "national", "zone_pattern"),
            "sections": ("notes_titles", "annex_plan_titles", "government_titles", "government_cues", "review_cues",
                         "review_titles", "past_plan_words", "plan_titles", "five_year_words", "problems_cues",
                         "targets_patterns", "plan_year_words", "review_year_words", "past_year_openers",
                         "five_year_openers", "plan_period_openers", "this_year_words")}


def validate(raw, where: str = "analysis/data/lexicon.yaml") -> dict:
    """Check lexicon.yaml against SCHEMA (and every unit's fields, every sector's keywords)."""
    if not isinstance(raw, dict):
        raise LexiconError(f"{where}: a mapping of vocabularies is expected")
    for key, typ in SCHEMA.items():
        if not isinstance(raw.get(key), typ):
            raise LexiconError(f"{where}: {key}: expected a {typ.__name__}, got {type(raw.get(key)).__name__}")
    for key in sorted(set(raw) - set(SCHEMA)):
        raise LexiconError(f"{where}: {key}: unknown vocabulary (expected one of {', '.join(SCHEMA)})")
    for key, subs in _SUBKEYS.items():
        for sub in subs:
            if sub not in raw[key]:
                raise LexiconError(f"{where}: {key}.{sub}: missing")
    for unit, meta in raw["units"].items():
        if not isinstance(meta, dict) or not {"en", "dim"} <= set(meta):
            raise LexiconError(f"{where}: units.{unit}: needs en and dim")
    for unit in raw["count_classifiers"]:
        if raw["units"].get(unit, {}).get("dim") != "count":
            raise LexiconError(f"{where}: count_classifiers.{unit}: not a unit of dim count")
    for sector, meta in raw["sectors"].items():
        if not isinstance(meta, dict) or not isinstance(meta.get("keywords"), list) or not meta.get("en"):
            raise LexiconError(f"{where}: sectors.{sector}: needs en and a list of keywords")
    return raw
