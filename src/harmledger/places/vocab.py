"""Word tables the place finder uses: demonyms, place-type nouns, cue words, non-place words."""

from __future__ import annotations

# Nationality adjectives (spaCy NORP) → ISO2: they set a document's country focus only.
DEMONYMS: dict[str, str] = {
    "syrian": "SY",
    "syrians": "SY",
    "iraqi": "IQ",
    "iraqis": "IQ",
    "afghan": "AF",
    "afghans": "AF",
    "yemeni": "YE",
    "yemenis": "YE",
    "libyan": "LY",
    "somali": "SO",
    "sudanese": "SD",
    "malian": "ML",
    "nigerian": "NG",
    "lebanese": "LB",
    "palestinian": "PS",
    "palestinians": "PS",
    "israeli": "IL",
    "israelis": "IL",
    "turkish": "TR",
    "turk": "TR",
    "iranian": "IR",
    "saudi": "SA",
    "egyptian": "EG",
    "jordanian": "JO",
    "pakistani": "PK",
    "indian": "IN",
    "chinese": "CN",
    "japanese": "JP",
    "korean": "KR",
    "vietnamese": "VN",
    "indonesian": "ID",
    "filipino": "PH",
    "philippine": "PH",
    "thai": "TH",
    "burmese": "MM",
    "american": "US",
    "americans": "US",
    "canadian": "CA",
    "mexican": "MX",
    "brazilian": "BR",
    "british": "GB",
    "english": "GB",
    "french": "FR",
    "german": "DE",
    "italian": "IT",
    "spanish": "ES",
    "russian": "RU",
    "ukrainian": "UA",
    "australian": "AU",
    "kenyan": "KE",
    "ugandan": "UG",
    "ethiopian": "ET",
    "congolese": "CD",
    "zimbabwean": "ZW",
    "south african": "ZA",
    "angolan": "AO",
    "chadian": "TD",
    "nepalese": "NP",
    "bangladeshi": "BD",
    "sri lankan": "LK",
    "peruvian": "PE",
    "colombian": "CO",
    "argentine": "AR",
    "argentinian": "AR",
    "chilean": "CL",
    "venezuelan": "VE",
    "cuban": "CU",
    "haitian": "HT",
    "swedish": "SE",
    "norwegian": "NO",
    "danish": "DK",
    "dutch": "NL",
    "belgian": "BE",
    "swiss": "CH",
    "austrian": "AT",
    "polish": "PL",
    "greek": "GR",
    "romanian": "RO",
    "hungarian": "HU",
    "irish": "IE",
    "scottish": "GB",
    "welsh": "GB",
    "malaysian": "MY",
    "singaporean": "SG",
    "cambodian": "KH",
    "laotian": "LA",
    "mongolian": "MN",
    "kazakh": "KZ",
    "uzbek": "UZ",
    "algerian": "DZ",
    "moroccan": "MA",
    "tunisian": "TN",
    "ghanaian": "GH",
    "senegalese": "SN",
    "cameroonian": "CM",
    "tanzanian": "TZ",
    "rwandan": "RW",
    "burundian": "BI",
    "mozambican": "MZ",
    "zambian": "ZM",
    "malawian": "MW",
    "namibian": "NA",
    "south sudanese": "SS",
    "emirati": "AE",
    "qatari": "QA",
    "kuwaiti": "KW",
    "omani": "OM",
    "bahraini": "BH",
    "taiwanese": "TW",
    "georgian": "GE",
    "cypriot": "CY",
    "czech": "CZ",
    "latvian": "LV",
    "lithuanian": "LT",
    "estonian": "EE",
    "finnish": "FI",
    "sinhalese": "LK",
    "gazan": "PS",
    "portuguese": "PT",
    "serbian": "RS",
    "croatian": "HR",
    "bosnian": "BA",
    "albanian": "AL",
    "bulgarian": "BG",
    "armenian": "AM",
    "azerbaijani": "AZ",
    "belarusian": "BY",
    "new zealander": "NZ",
    "icelandic": "IS",
    "jamaican": "JM",
    "ecuadorian": "EC",
    "bolivian": "BO",
    "guatemalan": "GT",
    "honduran": "HN",
    "salvadoran": "SV",
    "nicaraguan": "NI",
    "dominican": "DO",
    "eritrean": "ER",
    "djiboutian": "DJ",
    "liberian": "LR",
    "ivorian": "CI",
    "burkinabe": "BF",
    "nigerien": "NE",
    "mauritanian": "MR",
    "gambian": "GM",
    "guinean": "GN",
    "tajik": "TJ",
    "kyrgyz": "KG",
    "turkmen": "TM",
}

# Nouns that, after a name, make it a place of that type ("Aleppo province"); value = feature
# preferred ("ADM" for an administrative division, "PPL" for a settlement, "" for no preference).
PLACE_HEADS: dict[str, str] = {
    "province": "ADM",
    "governorate": "ADM",
    "oblast": "ADM",  # Ukraine's and Russia's provinces
    "state": "STATE",  # a division, and one of a country whose divisions are states
    "region": "ADM",
    "district": "ADM2",
    "county": "ADM2",
    "prefecture": "ADM2",
    "municipality": "ADM2",
    "township": "ADM2",  # Myanmar's and the US's, named after their seat
    "city": "PPL",
    "town": "PPL",
    "village": "PPL",
    "neighbourhood": "PPL",
    "neighborhood": "PPL",
    "suburb": "PPL",
    "countryside": "NEAR",
    "outskirts": "NEAR",
    "area": "NEAR",
    "camp": "NEAR",
    "airport": "NEAR",
    "valley": "NEAR",
}

# Words after a country's name that make it an owner, not a place: "US military", "US-made",
# "US strikes on the port" (the attacker's).
INSTITUTION_HEADS = frozenset(
    """military army navy forces troops soldiers government officials official ministry
    minister president embassy envoy investigation investigators spokesman spokeswoman
    spokesperson authorities aircraft jets warplanes drones drone coalition defence defense
    made led backed funded supplied built command commander military's state-run
    strike strikes airstrike airstrikes missile missiles shelling bombardment bombing raid raids
    artillery rockets offensive""".split()
)

# Words just before a name that say it is a place ("near Manbij", "the town of Tokhar").
LOCATIVE_CUES = frozenset("in near outside around from at into across toward towards via between".split())

# Countries whose first-level divisions English calls states: "Plateau State" is Nigeria's, not
# Benin's Plateau department.
STATE_COUNTRIES = frozenset("US NG IN MX BR VE MY AU SD SS MM DE AT SO ET FM PW".split())

# Nouns of administrative divisions: alone they name no place ("the Tehsil office"), and after a
# name they type it ("Muqur district, Badghis"; ``CHAIN_HEADS``).
DIVISION_NOUNS = frozenset(
    """district province governorate municipality prefecture subdistrict locality neighbourhood
    neighborhood tehsil kebele woreda upazila township oblast""".split()
)

# Other type nouns of a place: alone, capitalised in an address ("Talnaar Village, Mirtur Area,
# Bijapur City"), they name none (GeoNames holds "Area" as a town's alternate name).
AREA_NOUNS = frozenset(
    """county village town city area region sub-district chiefdom chieftaincy territory ward division
    commune suburb quarter""".split()
)

# Capitalised words that GeoNames holds as places somewhere but are almost never toponyms in news
# (armed groups among them: "Hamas" is an alternate name of Hamm, "Taliban" of a Turkish town).
NON_PLACE_WORDS = (
    DIVISION_NOUNS
    | AREA_NOUNS
    | frozenset(
        """
    the a an this that these those it its he she they we i you his her their our my
    al el ad ar ash az
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december today yesterday tomorrow
    mr mrs ms dr president minister general colonel governor secretary senator king queen
    prince sheikh saint st god allah islam islamic muslim christian jewish
    north south east west northern southern eastern western central middle
    according however meanwhile also but and or if when while after before during since
    health police army government ministry department university hospital school
    congress parliament senate cabinet assembly legislature capitol pentagon kremlin
    interior defence defense justice treasury judiciary
    hamas taliban
    news times post press reuters agency center centre council committee union
    said says new old great little big independent national international republic
    human rights watch amnesty coalition forces state states city town village
    virus flu fever disease outbreak vaccine
    eid ramadan christmas easter diwali nowruz ashura
    county valley creek mountain mountains river rivers lake lakes island islands bay harbour
    harbor port ports reserve reserves nature
    fort mount beach park hills hill springs falls gulf sea ocean coast desert plain plains
    bank meadow side
    """.split()
    )
)

# Words that never begin a place name, though a capital may stand on them ("A New Jersey
# woman", "The United States"): the n-gram starts after them.
NOT_NAME_START = frozenset(
    """the a an this that these those it its he she they we i you his her their our my
    in on at of for from to by with and or but if when while after before during since
    according however meanwhile also said says mr mrs ms dr
    monday tuesday wednesday thursday friday saturday sunday""".split()
)

# Nouns that make the name before them a thing named after a place ("West Nile virus",
# "Aleppo pepper", "Spanish flu"): the name is not a place there, nor anywhere else in the text.
NON_PLACE_HEADS = frozenset(
    """virus viruses fever flu influenza strain strains disease pepper peppers soap cheese
    ebolavirus virion vaccine vaccines syndrome haemorrhagic hemorrhagic encephalitis""".split()
)

# Words that may join the parts of a multi-word place name ("Deir ez-Zor", "Bosnia and …").
NAME_CONNECTORS = frozenset(
    "of the de del della da do dos das la le les al el ez az ad ar as ash at an ed er es "
    "et en bin ibn bint abu abou umm um and y "
    "au aux du sur sous upon von van der den di".split()  # "Port-au-Prince", "Stratford-upon-Avon"
)

# spaCy labels that mark a span as a place, and ones that mark it as something else.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
OTHER_LABELS = frozenset({"PERSON", "ORG", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW", "LANGUAGE"})

# Phrases that end just before "in X" / "from X" when X is where something was said, not where
# it happened ("said in Geneva", "told reporters in Kabul", "a news conference in Ankara").
# Patterns, matched case-insensitively up to the mention; a weekday may stand before "in".
SPEECH_BEFORE_IN: tuple[str, ...] = (
    r"(?:said|says|saying|speaking|spoke|talking)(?:\s+to\s+(?:reporters|journalists|the\s+press))?",
    r"told\s+(?:reporters|journalists|(?:a\s+)?(?:news|press)\s+(?:conference|briefing)|[A-Z][\w.]+)",
    r"(?:news|press)\s+(?:conference|briefing)",
    r"briefing",
    # "a police spokesman in Gusau said": where the spokesman sits (a state's capital), not the event
    r"spokes(?:man|woman|person)",
    r"statement\s+(?:issued|released|published)",
    # "its headquarters in Geneva" seats a body; "a police headquarters in Herat" is a target
    r"(?:headquartered|based|(?:its|their|whose)\s+headquarters)",
)

# Verbs of saying: a date right after one ("said on Wednesday", "told reporters Friday") or
# right before one ("on Wednesday said") is when it was said, not when the event happened.
SPEECH_VERBS = frozenset(
    """said says told announced reported confirmed stated added declared tweeted wrote
    posted published released claimed acknowledged admitted""".split()
)

# Abbreviated place names as the press writes them (AP state abbreviations and the usual
# dotted forms), spaces removed → the name to look up. A one-word abbreviation that is also a
# word ("Mass.", "Ill.", "Miss.") counts only after a comma ("Lowell, Mass."): see finder.py.
PLACE_ABBREVIATIONS: dict[str, str] = {
    "Ala.": "Alabama",
    "Ariz.": "Arizona",
    "Ark.": "Arkansas",
    "Calif.": "California",
    "Colo.": "Colorado",
    "Conn.": "Connecticut",
    "Del.": "Delaware",
    "Fla.": "Florida",
    "Ga.": "Georgia",
    "Ill.": "Illinois",
    "Ind.": "Indiana",
    "Kan.": "Kansas",
    "Kans.": "Kansas",
    "Ky.": "Kentucky",
    "La.": "Louisiana",
    "Md.": "Maryland",
    "Mass.": "Massachusetts",
    "Mich.": "Michigan",
    "Minn.": "Minnesota",
    "Miss.": "Mississippi",
    "Mo.": "Missouri",
    "Mont.": "Montana",
    "Neb.": "Nebraska",
    "Nebr.": "Nebraska",
    "Nev.": "Nevada",
    "N.H.": "New Hampshire",
    "N.J.": "New Jersey",
    "N.M.": "New Mexico",
    "N.Y.": "New York",
    "N.Y": "New York",
    "N.C.": "North Carolina",
    "N.D.": "North Dakota",
    "Okla.": "Oklahoma",
    "Ore.": "Oregon",
    "Pa.": "Pennsylvania",
    "Penn.": "Pennsylvania",
    "R.I.": "Rhode Island",
    "S.C.": "South Carolina",
    "S.D.": "South Dakota",
    "Tenn.": "Tennessee",
    "Tex.": "Texas",
    "Vt.": "Vermont",
    "Va.": "Virginia",
    "Wash.": "Washington",
    "W.Va.": "West Virginia",
    "Wis.": "Wisconsin",
    "Wisc.": "Wisconsin",
    "Wyo.": "Wyoming",
    "D.C.": "District of Columbia",
    "U.S.": "United States",
    "U.S": "United States",
    "U.K.": "United Kingdom",
    "U.A.E.": "United Arab Emirates",
    "UAE": "United Arab Emirates",
    "L.A.": "Los Angeles",
}
# One-word abbreviations that are also English words or titles: a comma must stand before them.
ABBREVIATIONS_AFTER_COMMA = frozenset(
    {
        "Ill.",
        "Ind.",
        "Mass.",
        "Miss.",
        "Mo.",
        "La.",
        "Del.",
        "Ore.",
        "Wash.",
        "Va.",
        "Pa.",
        "Penn.",
        "Kan.",
        "Ga.",
        "Md.",
        "Ala.",
        "Tex.",
        "Mont.",
        "Vt.",
    }
)

# Type nouns that may stand between a name and the comma (or "of") before the area holding it:
# "Muqur district, Badghis", "Jusiga village, Djukot chieftaincy, Ituri", "the Karrada district of Baghdad".
CHAIN_HEADS = DIVISION_NOUNS | AREA_NOUNS | frozenset(["LGA", "department", "camp"])

# Kin before a name: "his son Adam", "her husband Salem" (a relation's name, not a place).
KIN_WORDS = frozenset(
    """son sons daughter daughters wife husband brother brothers sister sisters mother father
    nephew niece uncle aunt cousin grandson granddaughter grandfather grandmother widow""".split()
)
# Titles that make the capitalised word after them a person ("Mayor Bingham", "Sen. Warner").
PERSON_TITLES = frozenset(
    """mr mrs ms miss dr mayor governor gov senator sen rep representative president minister
    premier chancellor sheriff deputy commissioner judge justice officer sgt sergeant capt captain
    lt lieutenant col colonel gen general maj major cpl corporal pvt private det detective chief
    spokesman spokeswoman professor prof rev reverend father sheikh imam mullah""".split()
)

# Nationality-like words of regions and states → the place they name ("Texan", "Chechen").
# Like DEMONYMS they are toponyms that never place an event; they do not set a country focus.
REGION_DEMONYMS: dict[str, str] = {
    "south ossetian": "South Ossetia",
    "ossetian": "South Ossetia",
    "abkhaz": "Abkhazia",
    "abkhazian": "Abkhazia",
    "chechen": "Chechnya",
    "dagestani": "Dagestan",
    "kashmiri": "Kashmir",
    "darfuri": "Darfur",
    "crimean": "Crimea",
    "texan": "Texas",
    "californian": "California",
    "ohioan": "Ohio",
    "minnesotan": "Minnesota",
    "floridian": "Florida",
    "virginian": "Virginia",
    "new yorker": "New York",
    "ontarian": "Ontario",
    "quebecer": "Quebec",
    "punjabi": "Punjab",
    "balochi": "Balochistan",
    "baluch": "Balochistan",
    "sindhi": "Sindh",
    "tigrayan": "Tigray",
}

# Cities where wire agencies keep regional bureaus and date reports from other countries
# ("BANGKOK (Reuters) -" over Myanmar, "NAIROBI (AP) -" over Somalia, "BEIRUT -" over Syria): a
# dateline there is no guess at the event's country.
REGIONAL_BUREAUS = frozenset(
    """nairobi bangkok beirut dakar abidjan cairo amman dubai johannesburg istanbul jerusalem geneva
    london paris brussels washington""".split()
    + ["new york"]
)

# Nouns after a name that make it an armed group's ("Fano fighters", "Wagner militiamen"): a town
# abroad bearing the name is no place of the report's.
ARMED_GROUP_HEADS = frozenset("fighters militia militias militiaman militiamen rebels insurgents".split())
