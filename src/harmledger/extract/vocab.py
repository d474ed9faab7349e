"""Every vocabulary the claims extractor reads, as data tables in one place.

Keys are lower-case tokens as the tokenizer yields them (curly apostrophes folded to ``'``).
Changing what counts as a harm word, a harm phrase, a victim, a qualifier or a vague quantity
means editing this file only. The sections at the end hold the function words each reader
walks by (``extract.harm``, ``persons``, ``singulars``, ``parts``, ``context``); sets of
punctuation marks stay beside the code that splits on them.
"""

from __future__ import annotations

from harmledger.records import ARMED_SIDE, STATE_SIDE, Qualifier

# --- numbers -------------------------------------------------------------------------------

UNITS: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fourty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
# "twenty-fifth": a tens word then one of these is a rank, not a figure.
ORDINAL_UNITS: frozenset[str] = frozenset("first second third fourth fifth sixth seventh eighth ninth".split())
SCALES: dict[str, int] = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
# "a dozen" / "two dozen": a number word of its own (read as approximately 12 × n).
DOZEN = 12

# Vague quantities: (low, high) — the documented reading of each; the point figure is `low`.
# "dozens" = at least two dozen; "scores" = at least two score; "hundreds" = at least 200 …
# A plural with no figure ("a number of", "multiple", "an unknown number of") says at least two
# and sets no upper bound (``None``).
VAGUE: dict[str, tuple[int, int | None]] = {
    "a number": (2, None),
    "a group": (2, None),
    "an unknown number": (2, None),
    "an unspecified number": (2, None),
    "an undetermined number": (2, None),
    "multiple": (2, None),
    "a few": (2, 5),
    "a couple": (2, 3),  # "a couple of civilians" (a married couple is two people: singulars)
    "a handful": (2, 5),
    "several": (3, 9),
    "several dozen": (36, 99),
    "dozens": (24, 99),
    "scores": (40, 99),
    "tens": (20, 99),
    "hundreds": (200, 999),
    "several hundred": (300, 999),
    "thousands": (2000, 9999),
    "several thousand": (3000, 9999),
    "tens of thousands": (20_000, 99_999),
    "hundreds of thousands": (200_000, 999_999),
}

# Qualifier phrases before a figure → (qualifier, adjustment). The adjustment says which bound
# the figure sets: "low" (at least n), "low+1" (more than n), "high" (up to n), "high-1"
# (fewer than n), "best" (about n).
PRE_QUALIFIERS: dict[str, tuple[Qualifier, str]] = {
    "at least": ("at_least", "low"),
    "no fewer than": ("at_least", "low"),
    "no less than": ("at_least", "low"),
    "not less than": ("at_least", "low"),
    "a minimum of": ("at_least", "low"),
    "minimum": ("at_least", "low"),
    "a maximum of": ("up_to", "high"),
    "maximum": ("up_to", "high"),
    "more than": ("more_than", "low+1"),
    "over": ("more_than", "low+1"),
    "upwards of": ("more_than", "low+1"),
    "in excess of": ("more_than", "low+1"),
    "above": ("more_than", "low+1"),
    # a toll that "tops" or "exceeded" a round figure is above it
    "tops": ("more_than", "low+1"),
    "topped": ("more_than", "low+1"),
    "exceeds": ("more_than", "low+1"),
    "exceeded": ("more_than", "low+1"),
    "surpasses": ("more_than", "low+1"),
    "surpassed": ("more_than", "low+1"),
    "as many as": ("up_to", "high"),
    "up to": ("up_to", "high"),
    "at most": ("up_to", "high"),
    "no more than": ("up_to", "high"),
    "nearly": ("up_to", "high"),
    "almost": ("up_to", "high"),
    "close to": ("up_to", "high"),
    "fewer than": ("up_to", "high-1"),
    "less than": ("up_to", "high-1"),
    "under": ("up_to", "high-1"),
    "about": ("approximately", "best"),
    "around": ("approximately", "best"),
    "some": ("approximately", "best"),
    "approximately": ("approximately", "best"),
    "roughly": ("approximately", "best"),
    "an estimated": ("approximately", "best"),
    "estimated": ("approximately", "best"),
    "approx": ("approximately", "best"),
    "circa": ("approximately", "best"),
}
# After a figure: "100 or more", "50-plus", "20 or so".
POST_QUALIFIERS: dict[str, tuple[Qualifier, str]] = {
    "or more": ("at_least", "low"),
    "plus": ("at_least", "low"),
    "or so": ("approximately", "best"),
}

# --- harm ------------------------------------------------------------------------------------

# Participles / intransitive verbs that follow the victims: "15 Taliban killed", "7 dead".
HARM_AFTER: dict[str, str] = {
    "killed": "killed",
    "dead": "killed",
    "died": "killed",
    "die": "killed",
    "dies": "killed",
    "perished": "killed",
    "perish": "killed",
    "martyred": "killed",
    "slain": "killed",
    "executed": "killed",
    "massacred": "killed",
    "murdered": "killed",
    "beheaded": "killed",
    "decapitated": "killed",
    "slaughtered": "killed",
    "drowned": "killed",
    "assassinated": "killed",
    "lynched": "killed",
    "succumbed": "killed",  # "two more succumbed to their wounds"
    "buried": "killed",  # "163 people had been buried" (not "buried under the rubble": ``_standing``)
    "wounded": "injured",
    "injured": "injured",
    "hurt": "injured",
    "maimed": "injured",
    "burned": "injured",  # "four crew were badly burned" ("burned to death", "burned alive": killed)
    "beaten": "injured",  # "a hostage was beaten and released" ("beaten to death": killed)
    "tortured": "injured",  # "was tortured at gunpoint, then released" ("tortured to death": killed)
    "burnt": "injured",
    "missing": "missing",
    "disappeared": "missing",
    "kidnapped": "detained",
    "abducted": "detained",
    "detained": "detained",
    "arrested": "detained",
    "captured": "detained",
    "displaced": "displaced",
    "fled": "displaced",
    "uprooted": "displaced",
    "harmed": "casualties",
    # An army's "neutralised": killed in Lagos or Yaounde, killed, captured or surrendered in
    # Ankara's usage: out of action, not surely dead.
    "neutralised": "casualties",
    "neutralized": "casualties",
}
# Active verbs whose object is the figure: "killed at least 56 civilians", "kills seven".
HARM_BEFORE: dict[str, str] = {
    "buried": "killed",  # "we buried 68 people in the cemetery"
    "kill": "killed",
    "kills": "killed",
    "killed": "killed",
    "killing": "killed",
    "massacre": "killed",
    "massacred": "killed",
    "massacring": "killed",
    "execute": "killed",
    "executed": "killed",
    "executing": "killed",
    "executes": "killed",
    "slaughtered": "killed",
    "murdered": "killed",
    "murder": "killed",
    "murdering": "killed",
    "behead": "killed",
    "beheaded": "killed",
    "beheading": "killed",
    "decapitate": "killed",
    "decapitated": "killed",
    "decapitating": "killed",
    "wound": "injured",
    "wounds": "injured",
    "wounded": "injured",
    "wounding": "injured",
    "injure": "injured",
    "injures": "injured",
    "injured": "injured",
    "injuring": "injured",
    "maimed": "injured",
    "kidnap": "detained",
    "kidnapped": "detained",
    "kidnapping": "detained",
    "abduct": "detained",
    "abducted": "detained",
    "abducting": "detained",
    "detain": "detained",
    "detained": "detained",
    "detaining": "detained",
    "arrest": "detained",
    "arrested": "detained",
    "arresting": "detained",
    "displace": "displaced",
    "displaced": "displaced",
    "displacing": "displaced",
    "assassinate": "killed",
    "assassinates": "killed",
    "assassinated": "killed",
    "assassinating": "killed",
    "slay": "killed",
    "slays": "killed",
    "slaying": "killed",
    "neutralise": "casualties",  # out of action: see HARM_AFTER
    "neutralised": "casualties",
    "neutralising": "casualties",
    "neutralize": "casualties",
    "neutralized": "casualties",
    "neutralizing": "casualties",
}
# Nouns naming the harm itself: "60 civilian casualties", "12 deaths", "40 bodies".
HARM_NOUNS: dict[str, str] = {
    "casualties": "casualties",
    "casualty": "casualties",
    "deaths": "killed",
    "death": "killed",
    "dead": "killed",
    "fatalities": "killed",
    "bodies": "killed",
    "corpses": "killed",
    "lives": "killed",
    "martyrs": "killed",
    "killed": "killed",
    "injuries": "injured",
    "wounded": "injured",
    "injured": "injured",
    "homicides": "killed",
    "murders": "killed",
    "killings": "killed",
}
# "the death toll … is now over 125": the noun before "toll" gives the outcome.
TOLL_OUTCOME: dict[str, str] = {
    "death": "killed",
    "casualty": "casualties",
    "injury": "injured",
    "civilian": "killed",
}
# Words before "killed", "wounded" … that may stand between victims and verb.
AUX: frozenset[str] = frozenset(
    "were was are is have has had been being be reportedly allegedly also all later now "
    "reported believed feared said confirmed to initially subsequently both either apparently "
    "shot gunned burned burnt beaten stabbed found likely probably possibly eventually "
    "thought presumed estimated seemingly".split()
)
# Harm phrases of several words, read wherever a harm participle is ("15 people shot dead",
# "shot dead 3 people", "12 were treated for their wounds"). Written as they read: a word, "a|b"
# for alternatives, "[CLASS]" for a class of words below ("[ANY]": any one word), a trailing "?" for an optional slot
# (compiled by ``extract.phrases``). Adding a phrase means adding a row here, nothing else.
POSSESSIVES: frozenset[str] = frozenset({"his", "her", "their", "its"})
PHRASE_CLASSES: dict[str, frozenset[str]] = {
    "POSS": POSSESSIVES | {"our", "my", "your"},
    # what kind of wound: "treated for gunshot wounds", "hospitalised with head injuries"
    "WOUND": frozenset(
        "gunshot bullet shrapnel stab knife blast head leg chest serious severe minor critical multiple "
        "light moderate".split()
    ),
}
HARM_PHRASES: dict[str, str] = {
    "shot|stabbed|beaten|found dead": "killed",
    "gun|guns|gunning|gunned|mowed down": "killed",
    "burned|burnt alive": "killed",
    "hacked|stabbed|beaten|bludgeoned|burned|burnt|tortured|shot|stoned|clubbed|starved to death": "killed",
    "strangled|choked|kicked|crushed to death": "killed",
    "lost [POSS]? lives|life": "killed",
    "treated for [POSS]? [WOUND]? wounds|injuries|burns": "injured",
    "hospitalised|hospitalized with [POSS]? [WOUND]? wounds|injuries|burns": "injured",
    "taken|held hostage|captive|prisoner": "detained",
    # "three herders were among those killed": at least those three (``extract.parts`` makes them a
    # part of a figure told before, when there is one)
    "among the|those dead|killed": "killed",
    "among the|those wounded|injured": "injured",
}

# Verbs of how someone was killed, when the victims stand between the verb and "to death" or
# "alive": "hacked seven farmers to death", "beat two men to death", "burned four guerrillas alive".
MANNER_VERBS: frozenset[str] = frozenset(
    "hack hacks hacked hacking beat beats beating beaten stab stabs stabbed stabbing stone stoned stoning "
    "club clubbed clubbing bludgeon bludgeoned bludgeoning burn burns burned burnt burning torture tortured "
    "torturing strangle strangled strangling starve starved crush crushed shoot shoots shot shooting "
    "whip whipped flog flogged lynch lynched".split()
)
MANNER_ENDS: tuple[tuple[str, ...], ...] = (("to", "death"), ("alive",))
MANNER_REACH = 6  # tokens after the figure in which "to death" may close the victims

# --- victims -----------------------------------------------------------------------------------

# noun → (victim type, sub-group or None). Plural and singular forms both listed.
VICTIM_NOUNS: dict[str, tuple[str, str | None]] = {}


def _victims(kind: str, group: str | None, words: str) -> None:
    for word in words.split():
        VICTIM_NOUNS[word] = (kind, group)


_victims(
    "civilians",
    None,
    "civilian civilians villager villagers resident residents "
    "farmer farmers shepherd shepherds herder herders worshipper worshippers "
    "worshippers passenger passengers refugee refugees protester protesters protestors "
    "demonstrators pilgrims pilgrim worker workers teacher teachers student students "
    "pupils shopkeeper shopkeepers fishermen fisherman civillians non-combatants "
    "noncombatants bystanders bystander elder elders volunteer volunteers trader traders "
    "vendor vendors merchant merchants labourer labourers laborer laborers driver drivers "
    "customers shoppers diners guests mourners commuters patients pedestrians "
    "motorists travellers travelers tourist tourists holidaymakers visitors "
    "judge judges prosecutor prosecutors lawyer lawyers engineer engineers cleric clerics "
    "imam imams priest priests pastor pastors monk monks nun nuns candidate candidates "
    "contractor contractors migrant migrants patient",
)
_victims(
    "civilians",
    "children",
    "child children kids kid boy boys girl girls infant "
    "infants baby babies toddler toddlers minors minor schoolchildren teenager teenagers",
)
# Trades and callings a report names its dead by ("The cook was killed", "a tailor was shot dead").
_victims(
    "civilians",
    None,
    "cook cooks tailor tailors owner owners shopowner shopowners barber barbers baker bakers "
    "butcher butchers mechanic mechanics carpenter carpenters electrician electricians plumber plumbers "
    "waiter waiters cashier cashiers accountant accountants pharmacist pharmacists "
    "dentist dentists firefighter firefighters cleaner cleaners janitor janitors gardener gardeners "
    "housewife housewives homemaker homemakers retiree retirees pensioner pensioners watchman watchmen "
    "porter porters nomad nomads pastoralist pastoralists herdsman herdsmen "
    "beggar beggars businessmen businesswoman businesswomen technician technicians",
)
_victims("civilians", "women", "woman women mother mothers")
_victims(
    "civilians", "medical staff", "doctor doctors medic medics nurse nurses paramedic paramedics physician physicians"
)
_victims(
    "civilians",
    "journalists",
    "journalist journalists reporter reporters photographer photographers cameraman cameramen",
)
_victims("civilians", "aid workers", "aid-worker aid-workers")
_victims(
    "combatants",
    None,
    "fighter fighters combatant combatants commander commanders "
    "officer officers agent agents sergeant "
    "guards guard recruits mercenaries loyalists personnel "
    "forces operatives operative major majors colonel colonels "
    "captain captains lieutenant lieutenants brigadier general generals corporal",
)
# The two sides of a battle, where the noun alone says which: their dead in one report add up
# (``incidents.counts`` rule 2), "killed nine militants, while two soldiers died" is eleven.
_victims(
    "combatants",
    STATE_SIDE,
    "soldier soldiers troops troop servicemen serviceman servicemembers policeman policemen police "
    "gendarmes marines paratroopers jawans jawan",
)
_victims(
    "combatants",
    ARMED_SIDE,
    "militant militants insurgent insurgents rebel rebels terrorist terrorists taliban jihadist "
    "jihadists jihadis militiaman militiamen militia militias guerrilla guerrillas guerillas "
    "extremist extremists bandit bandits separatist separatists maoist maoists naxal naxals cadres cadre",
)
# Perpetrators: counted in total deaths (GTD's convention), never in civilian deaths; a group of
# their own, apart from the soldiers or police they attacked (``incidents.counts`` rule 2).
_victims(
    "combatants",
    "attackers",
    "assailant assailants bomber bombers perpetrator perpetrators hijacker hijackers kidnapper kidnappers "
    "attacker attackers gunman gunmen",
)
_victims(
    "people",
    None,
    "people persons person individuals others men man bodies "
    "victims member members syrians iraqis afghans yemenis palestinians ukrainians "
    "kurds family families relatives locals",
)
_victims(
    "people",
    None,
    "syrian iraqi afghan yemeni palestinian ukrainian kurd leader leaders "
    "chief chiefs official officials elder activist activists politician politicians "
    "director judge cleric imam priest lawyer engineer businessman tribesman tribesmen "
    "youth youths citizen citizens individual manager managers staffer staffers headmaster "
    "headmasters secretary administrator administrators supervisor headman prince chieftain "
    "deputy minister spokesman spokeswoman",
)
# Nationalities that name a person ("a Syrian was killed") or modify a name ("an Afghan Air Force pilot").
DEMONYM_NOUNS: frozenset[str] = frozenset("syrian iraqi afghan yemeni palestinian ukrainian kurd".split())
# A nation's dead counted as such ("More than 200 Syrians were killed yesterday"): a monitor's toll
# of a day over the whole country (``extract``), when no place or single event narrows it.
NATION_PLURALS: frozenset[str] = frozenset(
    "syrians iraqis afghans yemenis palestinians ukrainians libyans somalis sudanese nigerians".split()
)
_victims("civilians", "medical staff", "vaccinator vaccinators health-worker")
_victims(
    "people",
    None,
    "son sons daughter daughters brother brothers sister sisters wife wives "
    "husband husbands father fathers cousin cousins nephew nephews grandchildren",
)

_victims(
    "people",
    None,
    "bodyguard bodyguards employee employees lecturer lecturers principal "
    "councilor councilors councillor councillors chairman chairperson mayor governor prosecutor "
    "scholar scholars hostage hostages passerby passersby passers colleague colleagues granddaughter "
    "grandson grandfather grandmother uncle aunt niece wife escort escorts",
)
_victims("civilians", None, "miner miners ranger rangers constable")
# Callings reports name their dead by, beyond the trades above ("a radio presenter was shot dead").
_victims(
    "civilians",
    "journalists",
    "presenter presenters broadcaster broadcasters editor editors columnist columnists blogger bloggers "
    "photojournalist photojournalists correspondent correspondents",
)
_victims("civilians", "medical staff", "surgeon surgeons midwife midwives")
_victims(
    "civilians",
    None,
    "writer writers poet poets novelist novelists artist artists musician musicians singer singers "
    "actor actors footballer footballers athlete athletes professor professors researcher researchers "
    "scientist scientists academics economist economists architect architects rescuer rescuers "
    "translator translators interpreter interpreters surveyor surveyors",
)
_victims(
    "people",
    None,
    "nationals legislator legislators lawmaker lawmakers senator senators parliamentarian parliamentarians "
    "diplomat diplomats ambassador ambassadors envoy envoys dean deans rector rectors mukhtar mukhtars pilot pilots",
)
_victims("people", None, "informer informers")
# a merchant ship's crew or a navy's: the report says which, if anything
_victims("people", None, "sailor sailors seafarer seafarers mariner mariners crewman crewmen crewmember crewmembers")
_victims("combatants", None, "peacekeeper peacekeepers")

# "… though that number later rose to six", "a figure later revised to 13": VERB [later] to FIGURE
# is the same harm's later figure, and it replaces the earlier ones of its sentence.
REVISED_TO: frozenset[str] = frozenset(
    "rose risen climbed increased jumped revised updated raised reached grew mounted "
    # … and a headline's present: "toll rises to 16 as two more bodies recovered"
    "rises climbs increases jumps reaches grows mounts".split()
)

# The subject of a revision: "that number later rose to six", "the toll climbed to 14".
FIGURE_NOUNS: frozenset[str] = frozenset("number figure toll tally count total it that this".split())
# A phrase describing victims before their verb: "paramedics belonging to the Red Crescent were killed".
VICTIM_POST_MODIFIERS: frozenset[str] = frozenset(
    "belonging working affiliated employed serving living staying sheltering travelling traveling "
    "waiting inside near wanted".split()
)

# --- one person without a figure (``persons``) ----------------------------------------------------

# Where a subject starts, looking back from "was": "… after | the assailant was killed".
SUBJECT_STOPS: frozenset[str] = frozenset(
    ". ; : and while but after when before whereas as because that where how".split()
)
# "Khalid Omar died in the strike": verbs of death that take no object and no auxiliary.
DIED_VERBS: frozenset[str] = frozenset("died perished succumbed".split())
# "died of his wounds": words that make a death a violent one when no event is named ("died in
# captivity": a hostage's death, counted with the abduction).
VIOLENT_DEATH_WORDS: frozenset[str] = frozenset(
    "injuries injury wounds wound wounded attack attacks raid captivity".split()
)
# Subjects that are no one person: "nobody was killed", "it was killed".
NOT_A_SUBJECT: frozenset[str] = frozenset(
    "no nobody none neither it this that there which what each every anyone everyone nothing".split()
)
# Capitalised words that open a clause rather than a name: "On", "The", "According".
NOT_NAMES: frozenset[str] = frozenset(
    "on in at the a an his her after during later then according when while by before with".split()
)
# Faiths and communities a person is described by: "killed a Belfast Catholic" describes one person
# (from Belfast), it does not name one, so the town before it stays a place.
AFFILIATION_NOUNS: frozenset[str] = frozenset(
    "catholic protestant muslim christian sunni shia shiite shi'ite jew hindu sikh buddhist alawite "
    "druze yazidi copt loyalist republican".split()
)
# Inside a name: "Abu Omar", "Al-Waruri", "bin Laden", "Juan de la Cruz".
NAME_LINKS: frozenset[str] = frozenset("- ' ’ bin ibn al el de da del la van von abu .".split())

# Where the description of one person ends: "killed a lecturer of the academy | in Kabul".
PERSON_NP_STOPS: frozenset[str] = frozenset(
    ", . ; : in at on near while as who whom which from during outside inside and after before "
    "with when along alongside together by for since until".split()
)
# "killed a number of …", "a group of …", "a dog": not one person.
NOT_ONE_PERSON_HEADS: frozenset[str] = frozenset(
    "number total group lot family couple series crowd convoy few handful dozen score "
    "unknown undetermined unspecified undisclosed estimated "
    "bus vehicle car house home building checkpoint post base".split()
)
# "In addition to the bomber, …": the attacker, one more death in GTD's totals.
ONE_PERSON_AFTER_ADDITION: frozenset[str] = frozenset("assailant bomber attacker gunman perpetrator".split())
WEEKDAYS: frozenset[str] = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())

# Modifiers that set the victim type of a harm noun: "civilian casualties".
VICTIM_ADJECTIVES: dict[str, tuple[str, str | None]] = {
    "civilian": ("civilians", None),
    "innocent": ("civilians", None),
    "military": ("combatants", None),
    "army": ("combatants", None),
    "police": ("combatants", None),
    "rebel": ("combatants", None),
    "militant": ("combatants", None),
    "child": ("civilians", "children"),
}

# Nouns after a figure that make it something other than victims (money, time, objects …).
NONHARM_NOUNS: frozenset[str] = frozenset(
    "dollars dollar euros euro pounds usd lakh lakhs crore rupees billion billions "
    "years year months month weeks week days day hours hour minutes minute seconds "
    "percent per cent km kilometres kilometers kilometer kilometre miles mile metres "
    "meters tons tonnes times attacks attack airstrikes strikes strike raids raid shells "
    "rockets missiles bombs mortars barrel houses homes buildings vehicles cars villages "
    "towns countries nations ministers counterparts delegates states provinces districts "
    "sorties points votes seats meetings rounds incidents operations booby-traps "
    "drones tanks aircraft jets planes helicopters cases infections tests beds "
    "birds bird owls swans chickens poultry hogs pigs cattle cows sheep goats animals livestock "
    "dogs dog horses camels fish generations".split()
)
# Currencies written before an amount ("Rs 4 lakh", "USD 5,000", "$ 200"): the amount is no figure.
CURRENCIES: frozenset[str] = frozenset("rs inr pkr npr lkr usd eur gbp kes ksh ngn afn ugx tzs etb birr".split())
CURRENCY_SIGNS: frozenset[str] = frozenset("$ £ € ₹ ₦ ₨".split())
# "a further 3 died later", "another 2", "injuring an additional 12": the figure adds to one before.
ADDITIVE: frozenset[str] = frozenset({"further", "another", "additional"})
# Dashes that open or close an aside when spaced ("four people – two women and two children –").
DASHES: frozenset[str] = frozenset({"-", "–", "—"})
# "the wife of X and three other civilians": a relative named by whose relative they are.
RELATIVES: frozenset[str] = frozenset(
    "wife husband son daughter brother sister mother father child nephew niece uncle aunt cousin "
    "grandson granddaughter grandfather grandmother widow fiancee fiance".split()
)
# Subset markers: figures after these are part of an earlier figure, not new victims.
# "three members of one family": "one" before these says which family, not how many.
FAMILY_WORDS: frozenset[str] = frozenset("family household house home clan".split())
SUBSET_BEFORE: frozenset[str] = frozenset({"including", "include", "includes", "among"})

# --- context -----------------------------------------------------------------------------------

HEDGES: frozenset[str] = frozenset(
    "alleged allegedly reportedly unconfirmed feared possibly perhaps suspected believed "
    "likely purportedly rumoured rumored".split()
)
# Hedges that modify a noun: "an alleged airstrike", "a suspected chemical attack", "suspected
# militants" doubt the weapon or who, not the deaths, unless the noun is an account of them.
HEDGE_ADJECTIVES: frozenset[str] = frozenset("alleged suspected purported unconfirmed".split())
HEDGED_ACCOUNTS: frozenset[str] = frozenset(
    "report reports figure figures toll tolls death deaths casualties number numbers claims killing killings".split()
)
# Words that make a figure a projection or a risk rather than harm done.
HYPOTHETICAL: frozenset[str] = frozenset(
    "could would might projected projection projections scenario worst-case worst risk risks "
    "threaten threatens predict predicted prediction forecast forecasts potentially".split()
)
NEGATORS: frozenset[str] = frozenset("not no never n't without denied denies deny".split())
# Words that rank an event among others: "the deadliest attack since 2019", "one of the worst".
SUPERLATIVES: frozenset[str] = frozenset(
    "deadliest worst bloodiest biggest largest heaviest highest most first fiercest".split()
)

# Cumulative cues (matched as lower-case token sequences inside the figure's clause).
CUMULATIVE_CUES: tuple[str, ...] = (
    "so far",
    "to date",
    "thus far",
    "this year",
    "this month",
    "in total",
    "overall",
    "a total of",
    "in all",
    "since the beginning",
    "since the start",
    "in the last",
    "in the past",
    "over the past",
    "over the last",
    "during the past",
    "during the last",
    # "clashes have killed dozens in recent months": the weeks before the report, not one event
    "in recent days",
    "in recent weeks",
    "in recent months",
    "in recent years",
    "over recent days",
    "over recent weeks",
    "over recent months",
    "over recent years",
    "cumulative",
    "since",
    "each day",
    "per day",
    "every day",
    "daily",
    "annually",
    "a year",
    "per year",
    "each year",
    "every year",
    "first half",
    "second half",
    "first quarter",
    "second quarter",
    "third quarter",
    "fourth quarter",
    "first six months",
    # a day's count over many events: "15 Taliban killed in 24 hours", "nine civilians in a day"
    "in 24 hours",
    "within 24 hours",
    "in a day",
    "in one day",
    "in a single day",
    "within a day",
    "within day",
    # a count over a whole country or many places: "killed in violence across Syria", "in separate attacks"
    "across the country",
    "across the nation",
    "nationwide",
    "countrywide",
    "around the country",
    "throughout the country",
    "across the province",
    "in separate incidents",
    "in separate attacks",
    "in separate clashes",
    "in various parts",
    "in different parts",
    "in several provinces",
    "in several districts",
    "in various provinces",
    # a census or report's count over a period told before: "recorded 7,400 deaths in the same period"
    "in the same period",
    "over the same period",
    "during the same period",
    "in that period",
    "during that period",
    "over that period",
    # many attacks told as one: "killed in a wave of bombings", "a spate of attacks"
    "wave of attacks",
    "wave of bombings",
    "wave of violence",
    "wave of shelling",
    "wave of strikes",
    "wave of air strikes",
    "wave of airstrikes",
    "wave of raids",
    "wave of air raids",
    "spate of attacks",
    "spate of bombings",
    "spate of killings",
    "string of attacks",
    "string of bombings",
)
MONTHS: frozenset[str] = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
# "during the offensive", "in the war": periods that hold many events ("the fighting", "the
# attack" and "the operation" may be one event, so they are not here).
LONG_PERIODS: frozenset[str] = frozenset("offensive campaign war conflict siege occupation uprising insurgency".split())
# Words that with "toll" make it a running total: "the death toll of the airstrikes in the region".
TOLL_CUMULATIVE: frozenset[str] = frozenset(
    "total overall cumulative war conflict campaign offensive operation operations region "
    "country province year month".split()
)
# Of TOLL_CUMULATIVE, the words that only say where: "the toll from the strike on a market in
# X province" is that strike's toll, "the toll in the province" a running one.
TOLL_AREAS: frozenset[str] = frozenset("region country province".split())
# Nouns naming one event: the toll "from the airstrike" belongs to it.
SINGLE_EVENT_NOUNS: frozenset[str] = frozenset(
    "strike airstrike attack bombing blast explosion raid massacre ambush shelling collapse".split()
)

# Nouns naming one event, however large its toll: "3,000 people have been killed in the attacks",
# "1,200 have died in the earthquake" (without one, such a toll is a running total).
ONE_EVENT_NOUNS: frozenset[str] = SINGLE_EVENT_NOUNS | frozenset(
    "strikes airstrikes attacks bombings blasts explosions raids massacres earthquake quake "
    "tsunami cyclone hurricane typhoon storm flood floods flooding landslide stampede fire blaze "
    "crash sinking shipwreck eruption".split()
)

# Event types: cue → type, most specific first (the first hit in this order wins).
EVENT_TYPES: tuple[tuple[str, str], ...] = (
    ("sarin", "chemical attack"),
    ("chlorine", "chemical attack"),
    ("chemical", "chemical attack"),
    ("nerve agent", "chemical attack"),
    ("deadly gases", "chemical attack"),
    ("gas attack", "chemical attack"),
    ("suicide drone", "airstrike"),  # a drone, whatever it is called
    ("suicide", "suicide attack"),
    ("airstrike", "airstrike"),
    ("air strike", "airstrike"),
    ("air raid", "airstrike"),
    ("air operation", "airstrike"),
    ("warplane", "airstrike"),
    ("drone strike", "airstrike"),
    ("barrel bomb", "airstrike"),
    ("jets", "airstrike"),
    ("aerial", "airstrike"),
    # a helicopter that strikes, not one that is struck ("an attack on a UN helicopter", "fired
    # on a military helicopter", "a helicopter evacuating the wounded came under fire")
    ("helicopter gunship", "airstrike"),
    ("helicopter attack ", "airstrike"),  # not "UN helicopter attacked in …"
    ("helicopter attacks", "airstrike"),
    ("helicopters attack", "airstrike"),
    ("helicopter strike", "airstrike"),
    ("helicopters strike", "airstrike"),
    ("helicopter struck", "airstrike"),
    ("helicopters struck", "airstrike"),
    ("helicopter fire", "airstrike"),
    ("helicopters fire", "airstrike"),
    ("helicopter opened fire", "airstrike"),
    ("helicopters opened fire", "airstrike"),
    ("helicopter bomb", "airstrike"),
    ("helicopters bomb", "airstrike"),
    ("helicopter raid", "airstrike"),
    ("aircraft struck", "airstrike"),  # "an aircraft struck a cell" (not "anti-aircraft fire")
    # "a drone struck the car", "a drone attack on the city", "a fighter jet bombed the school"
    ("drone", "airstrike"),
    ("fighter jet", "airstrike"),
    ("military jet", "airstrike"),
    ("landmine", "landmine/IED"),
    ("land mine", "landmine/IED"),
    ("ied", "landmine/IED"),
    ("roadside bomb", "landmine/IED"),
    ("improvised explosive", "landmine/IED"),
    ("booby", "landmine/IED"),
    ("mine explosion", "landmine/IED"),
    ("shelling", "shelling"),
    ("shelled", "shelling"),
    ("shells", "shelling"),
    ("shell", "shelling"),
    ("mortar", "shelling"),
    ("artillery", "shelling"),
    ("rocket", "shelling"),
    ("missile", "shelling"),
    ("guided bomb", "airstrike"),
    ("glide bomb", "airstrike"),
    ("car bomb", "bombing"),
    ("bombing", "bombing"),
    ("blast", "bombing"),
    ("explosion", "bombing"),
    ("bomb", "bombing"),
    ("explosive", "bombing"),
    ("massacre", "massacre"),
    ("executed", "execution"),
    ("execution", "execution"),
    ("beheaded", "execution"),
    ("shot", "shooting"),
    ("shooting", "shooting"),
    ("gunmen", "shooting"),
    ("gunfire", "shooting"),
    ("sniper", "shooting"),
    ("opened fire", "shooting"),
    ("gunned", "shooting"),
    ("clash", "clashes"),
    ("fighting", "clashes"),
    ("battle", "clashes"),
    ("ambush", "clashes"),
    ("firefight", "clashes"),
    ("strikes", "airstrike"),
    ("strike", "airstrike"),
)

# Perpetrator aliases → canonical name. Matched case-insensitively on word boundaries,
# longest first; hyphens count as part of a word so "Anti-ISIS" is not "ISIS".
PERPETRATORS: dict[str, tuple[str, ...]] = {
    "Saudi-led coalition": (
        "saudi-led coalition",
        "saudi led coalition",
        "saudi-led forces",
        "saudi-led airstrikes",
        "saudi-led warplanes",
        "arab coalition",
        "saudi coalition",
        "saudi-emirati coalition",
    ),
    "International Anti-ISIS Coalition": (
        "international anti-isis coalition",
        "anti-isis coalition",
        "anti-isil coalition",
        "anti-is coalition",
        "international coalition",
        "us-led coalition",
        "u.s.-led coalition",
        "us led coalition",
        "u.s led coalition",
        "operation inherent resolve",
        "cjtf-oir",
    ),
    # A coalition the words do not name: which one is settled for the whole document
    # (BARE_COALITION below).
    "coalition (unnamed)": (
        "coalition forces",
        "coalition airstrikes",
        "coalition warplanes",
        "coalition aircraft",
        "coalition jets",
        "coalition",
    ),
    "Islamic State": (
        "islamic state",
        "isis",
        "isil",
        "daesh",
        "da'esh",
        "is militants",
        "is fighters",
        "is group",
    ),
    "Syrian government": (
        "syrian government forces",
        "syrian government",
        "syrian regime",
        "assad regime",
        "al-assad regime",
        "regime forces",
        "government forces of syria",
        "syrian army",
        "syrian arab army",
        "regime's warplanes",
        "regime's forces",
        "syrian regime's",
        "regime warplanes",
        "bashar al-assad",
        "bashar al assad",
        "bashar assad",
        "bachar al-assad",
        "bashar el assad",
        "bachar el assad",
        "al-assad",
        "el assad",
        "assad",
    ),
    "Russia": (
        "russian forces",
        "russian warplanes",
        "russian airstrikes",
        "russian army",
        "russian military",
        "russian troops",
        "russian missile",
        "russian missiles",
        "russian drone",
        "russian drones",
        "russian strike",
        "russian strikes",
        "russian shelling",
        "russia",
        "russians",
        # missiles only Russia fires in the wars we read ("An Iskander-M missile hit the port")
        "iskander",
        "iskander-m",
        "kalibr",
        "kinzhal",
    ),
    "Turkey": (
        "turkish forces",
        "turkish army",
        "turkish military",
        "turkish troops",
        "turkish warplanes",
        "turkish artillery",
        "turkish drone",
        "turkish drones",
    ),
    "United States": (
        "united states",
        "united-states",
        "u.s. forces",
        "us forces",
        "american forces",
        "pentagon",
        "us central command",
        "u.s. central command",
        "central command",
        "centcom",
        "us military",
        "u.s. military",
        # the regional commands by their own names ("U.S. Africa Command conducted an airstrike")
        "us africa command",
        "u.s. africa command",
        "africa command",
        "africom",
        "us airstrike",
        "us airstrikes",
        "us air strike",
        "us drone strike",
    ),
    "Taliban": ("taliban",),
    "Al-Shabaab": ("al-shabaab", "al-shabab", "al shabaab", "al shabab", "shabaab"),
    "Boko Haram": ("boko haram",),
    "Hayat Tahrir al-Sham": ("hayat tahrir al-sham", "hts", "al-nusra", "nusra front", "jabhat al-nusra", "al-nosra"),
    "SDF": ("syrian democratic forces", "sdf"),
    "Iraqi forces": (
        "iraqi forces",
        "iraqi security forces",
        "iraqi army",
        "iraqi troops",
        "iraqi military",
        "iraqi government forces",
    ),
    "Israel": (
        "israeli forces",
        "israeli army",
        "israeli military",
        "israeli strikes",
        "israeli airstrikes",
        "israeli air strikes",
        "israeli warplanes",
        "israeli troops",
        "israeli drone",
        "israeli drones",
        "israeli jets",
        "israeli shelling",
        "israeli artillery",
        "israeli tank",
        "israeli tanks",
        "idf",
    ),
    # settlers' raids on West Bank villages are no army's: monitors (OCHA, ACLED) count them apart
    "Tehreek-e-Labbaik Pakistan": ("tehreek-e-labbaik pakistan", "tehreek-e-labbaik", "tehrik-e-labbaik"),
    "Israeli settlers": ("israeli settlers", "israeli settler", "jewish settlers", "settler militias"),
    # Armed groups of other theatres, by the names news and coders use for them.
    "Houthis": ("houthis", "houthi", "huthis", "huthi", "ansar allah", "ansarallah"),
    "Hamas": ("hamas", "qassam brigades", "al-qassam brigades"),
    "Hezbollah": ("hezbollah", "hizbollah", "hizballah"),
    "al-Qaeda": ("al-qaeda", "al qaeda", "al-qaida", "al qaida"),
    "AQAP": ("al-qaeda in the arabian peninsula", "al-qaida in the arabian peninsula", "aqap"),
    "AQIM": ("al-qaeda in the islamic maghreb", "al-qaida in the islamic maghreb", "aqim"),
    "JNIM": (
        "jnim",
        "jamaat nusrat al-islam wal muslimin",
        "jama'at nusrat al-islam wal-muslimin",
        "group to support islam and muslims",
        "group for the support of islam and muslims",
        "support group for islam and muslims",
    ),
    "ISWAP": ("iswap", "islamic state west africa province", "islamic state west africa"),
    "IS Khorasan": ("isis-k", "is-k", "iskp", "islamic state khorasan", "islamic state-khorasan"),
    "Tehrik-i-Taliban Pakistan": (
        "tehrik-i-taliban pakistan",
        "tehreek-e-taliban pakistan",
        # the transliterations Pakistani papers use
        "tehreek-i-taliban pakistan",
        "tehrik-e-taliban pakistan",
        "tahreek-e-taliban pakistan",
        "tehrik-i-taliban",
        "tehreek-i-taliban",
        "tehreek-e-taliban",
        "ttp",
        "pakistani taliban",
    ),
    "Tehreek-e-Jihad Pakistan": ("tehreek-e-jihad pakistan", "tehrik-e-jihad pakistan", "tjp"),
    "Lashkar-e-Jhangvi": ("lashkar-e-jhangvi", "lashkar-e-jangvi"),
    "Allied Democratic Forces": ("allied democratic forces", "adf rebels", "adf militants", "adf"),
    "M23": ("m23", "march 23 movement"),
    "CODECO": ("codeco",),
    "Mai-Mai": ("mai-mai", "mayi mayi", "mai mai", "mayi-mayi"),
    "Fulani militia": ("fulani militia", "fulani militants", "fulani gunmen", "fulani herdsmen", "fulani extremists"),
    "IPOB": ("ipob", "indigenous people of biafra", "eastern security network"),
    "New People's Army": ("new people's army", "npa rebels", "npa"),
    "Maoists": ("maoists", "maoist rebels", "maoist insurgents", "naxalites", "naxals", "cpi-maoist", "cpi (maoist)"),
    "ELN": ("eln", "national liberation army"),
    "FARC dissidents": ("farc dissidents", "farc", "revolutionary armed forces of colombia"),
    "People's Defence Force": ("people's defence force", "people's defense force", "pdf"),
    "Islamic State Central Africa Province": (
        "islamic state central africa province",
        "iscap",
        "is central africa province",
        "islamic state mozambique",
        "islamic state mozambique province",
    ),
    "Islamic State Sahel": (
        "islamic state in the greater sahara",
        "isgs",
        "islamic state sahel",
        "islamic state sahel province",
        "is sahel",
    ),
    "Fano": ("fano", "fano militia", "fano militias", "fano militiamen", "fano fighters"),
    "TPLF": ("tplf", "tigray people's liberation front", "tigrayan forces", "tigray defence forces"),
    "Wagner Group": ("wagner group", "wagner mercenaries", "wagner fighters", "africa corps"),
    "Viv Ansanm": ("viv ansanm",),
    "Kachin Independence Army": ("kachin independence army",),
    "Free Papua Movement": ("free papua movement", "west papua national liberation army", "tpnpb"),
    "Myanmar military": (
        "myanmar military",
        "myanmar army",
        "tatmadaw",
        "myanmar junta",
        "junta forces",
        "junta troops",
    ),
    "Rapid Support Forces": ("rapid support forces", "rsf"),
    "Sudanese Armed Forces": ("sudanese armed forces", "sudanese army", "sudanese military"),
    "Oromo Liberation Army": ("oromo liberation army", "oromo liberation front", "olf-shene"),
    "PKK": ("pkk", "kurdistan workers' party", "kurdistan workers party"),
    "Baloch Liberation Army": ("baloch liberation army", "bla"),
    "Lashkar-e-Taiba": ("lashkar-e-taiba", "lashkar-e-toiba"),  # not "LeT": matched without case, it is "let"
    "Jaish-e-Mohammed": ("jaish-e-mohammed", "jaish-e-mohammad", "jaish-e-muhammad", "jem"),
    "Hizbul Mujahideen": ("hizbul mujahideen", "hizb-ul-mujahideen"),
    "The Resistance Front": ("the resistance front",),
    "Abu Sayyaf": ("abu sayyaf",),
    "Ukraine": ("ukrainian forces", "ukrainian army", "ukrainian military", "ukrainian drone", "ukrainian drones"),
}
# A state's armed services by its nationality adjective ("Algerian forces kill 22 militants",
# "Afghan military kills 39"), for the states the table above does not name: one party per state,
# whichever service the report names.
STATE_FORCE_NOUNS: tuple[str, ...] = (
    "forces",
    "security forces",
    "government forces",
    "armed forces",
    "special forces",
    "army",
    "military",
    "troops",
    "soldiers",
    "police",
    "air force",
    "navy",
    "warplanes",
    "jets",
    "fighter jets",
    "aircraft",
    "drone",
    "drones",
    "airstrike",
    "airstrikes",
    "air strike",
    "air strikes",
    "artillery",
    "shelling",
)
STATE_FORCES: dict[str, str] = {
    "afghan": "Afghan forces",
    "algerian": "Algerian forces",
    "azerbaijani": "Azerbaijani forces",
    "armenian": "Armenian forces",
    "bangladeshi": "Bangladeshi forces",
    "burkinabe": "Burkinabe forces",
    "burundian": "Burundian forces",
    "cameroonian": "Cameroonian forces",
    "chadian": "Chadian forces",
    "chinese": "Chinese forces",
    "colombian": "Colombian forces",
    "congolese": "Congolese forces",
    "egyptian": "Egyptian forces",
    "eritrean": "Eritrean forces",
    "ethiopian": "Ethiopian forces",
    "french": "French forces",
    "british": "British forces",
    "indian": "Indian forces",
    "indonesian": "Indonesian forces",
    "iranian": "Iranian forces",
    "jordanian": "Jordanian forces",
    "kenyan": "Kenyan forces",
    "lebanese": "Lebanese forces",
    "libyan": "Libyan forces",
    "malian": "Malian forces",
    "mexican": "Mexican forces",
    "moroccan": "Moroccan forces",
    "mozambican": "Mozambican forces",
    "nigerian": "Nigerian forces",
    "nigerien": "Nigerien forces",
    "pakistani": "Pakistani forces",
    "philippine": "Philippine forces",
    "filipino": "Philippine forces",
    "rwandan": "Rwandan forces",
    "saudi": "Saudi forces",
    "somali": "Somali forces",
    "thai": "Thai forces",
    "tunisian": "Tunisian forces",
    "ugandan": "Ugandan forces",
    "venezuelan": "Venezuelan forces",
    "yemeni": "Yemeni forces",
}
for _adjective, _party in STATE_FORCES.items():
    PERPETRATORS[_party] = PERPETRATORS.get(_party, ()) + tuple(f"{_adjective} {noun}" for noun in STATE_FORCE_NOUNS)
PERPETRATORS["Afghan forces"] += ("andsf", "ansf", "afghan national army", "afghan national police")
# A state's services are as often the target as the actor ("an Afghan National Army convoy", "a
# French military vehicle", "escorted by Bangladeshi troops"): they act only as the subject of a
# verb of force ("Algerian forces killed", "Afghan troops have shelled") or after "by" ("killed
# by Nigerian troops"). Its weapons ("an Indian airstrike", "Saudi jets") act wherever named.
STATE_FORCE_PARTIES: frozenset[str] = frozenset(STATE_FORCES.values())
STATE_FORCE_WEAPONS: frozenset[str] = frozenset(
    "warplanes jets aircraft drone drones airstrike airstrikes strike strikes artillery shelling".split()
)
# The states the table names by their own party take their weapons by adjective too ("an Israeli
# strike on a house", "a Turkish drone strike", "an American airstrike"): a weapon acts wherever
# named, as for the states above.
STATE_WEAPON_NOUNS: tuple[str, ...] = (
    *sorted(STATE_FORCE_WEAPONS),
    *"missile missiles bombardment raid raids".split(),
    *("air strike", "air strikes", "drone strike", "drone strikes", "fighter jets", "missile strike"),
    *("guided bomb", "guided bombs", "glide bomb", "glide bombs", "aerial bomb", "aerial bombs"),
    *("guided aerial bomb", "guided aerial bombs", "cruise missile", "cruise missiles"),
    *("ballistic missile", "ballistic missiles", "rocket", "rockets", "armed forces"),
)
NAMED_STATES: dict[str, tuple[str, ...]] = {
    "Israel": ("israeli",),
    "Russia": ("russian",),
    "Turkey": ("turkish",),
    "United States": ("american", "u.s."),
    "Ukraine": ("ukrainian",),
    "Iraqi forces": ("iraqi",),
    "Sudanese Armed Forces": ("sudanese",),
    "Myanmar military": ("myanmar", "junta"),
}
for _party, _adjectives in NAMED_STATES.items():
    _known = set(PERPETRATORS[_party])
    PERPETRATORS[_party] += tuple(
        alias for adj in _adjectives for noun in STATE_WEAPON_NOUNS if (alias := f"{adj} {noun}") not in _known
    )
AGENT_VERBS: frozenset[str] = frozenset(
    "kill kills killed killing shot shoot shoots shooting opened open opens fired fire fires firing shelled "
    "shell shells shelling bombed bomb bombs bombing struck strike strikes striking hit hits raided raid "
    "raids attacked attack attacks launched launch launches carried conducted targeted target targets "
    "ambushed stormed massacred executed gunned neutralised neutralized eliminated".split()
)
AGENT_AUX: frozenset[str] = frozenset("have has had also reportedly allegedly then later".split())
# "The coalition" alone is the coalition the same report names in full ("the Saudi-led
# coalition … a coalition airstrike"); failing that, the one fighting where the report is set
# (its words below); failing both it stays an unnamed coalition rather than a guessed one.
BARE_COALITION = "coalition (unnamed)"
COALITION_THEATRES: dict[str, frozenset[str]] = {
    "Saudi-led coalition": frozenset(
        "yemen yemeni yemenis houthi houthis huthi huthis sanaa sana'a aden hodeidah hudaydah saada sa'dah "
        "taiz marib hajjah amran dhamar ansar".split()
    ),
    "International Anti-ISIS Coalition": frozenset(
        "syria syrian syrians iraq iraqi iraqis isis isil daesh mosul raqqa deir manbij fallujah ramadi "
        "tikrit kirkuk anbar".split()
    ),
}
# Words before "Coalition" that make it the Syrian opposition, not the anti-ISIS coalition.
NOT_COALITION_BEFORE: frozenset[str] = frozenset({"syrian", "national", "opposition"})

# Sources. Verbs of attribution → stance.
SOURCE_VERBS: dict[str, str] = {
    "reported": "reported",
    "reports": "reported",
    "report": "reported",
    "said": "reported",
    "says": "reported",
    "say": "reported",
    "told": "reported",
    "stated": "reported",
    "added": "reported",
    "announced": "reported",
    "found": "reported",
    "estimated": "reported",
    "estimates": "reported",
    "counted": "reported",
    "recorded": "reported",
    "documented": "confirmed",
    "assessed": "reported",
    "put": "reported",
    "puts": "reported",
    "gave": "reported",
    "gives": "reported",
    "cited": "reported",
    "cites": "reported",
    "named": "reported",
    "listed": "reported",
    "tallied": "reported",
    "registered": "reported",
    "confirmed": "confirmed",
    "confirm": "confirmed",
    "confirms": "confirmed",
    "verified": "confirmed",
    "verify": "confirmed",
    "claimed": "claimed",
    "claims": "claimed",
    "claim": "claimed",
    "alleged": "claimed",
    "acknowledged": "admitted",
    "admitted": "admitted",
    "conceded": "admitted",
    "denied": "denied",
}
# Between a source and its verb: "They were able to confirm", "officials have said".
SOURCE_GAP: frozenset[str] = frozenset(
    "were was have has had been able to could also later previously earlier "
    "initially would ultimately eventually subsequently separately officially publicly "
    "then since".split()
)
# Common nouns that make an unnamed source: "officials said", "medical sources".
SOURCE_NOUNS: dict[str, str] = {
    "officials": "official",
    "official": "official",
    "ministry": "official",
    "police": "official",
    "governor": "official",
    "spokesman": "official",
    "spokeswoman": "official",
    "office": "official",
    "department": "official",
    "directorate": "official",
    "service": "official",  # "the State Emergency Service", "the ambulance service"
    "spokesperson": "official",
    "military": "official",
    "army": "official",
    "government": "official",
    "authorities": "official",
    "sources": "unnamed",
    "source": "unnamed",
    "witnesses": "unnamed",
    "activists": "unnamed",
    "network": "unnamed",  # "a local activist network said"
    "group": "unnamed",  # "a doctors' group said", "a rights group said"
    "residents": "unnamed",
    "locals": "unnamed",
    "medics": "unnamed",
    "doctors": "unnamed",
    "staff": "unnamed",
    "survivors": "unnamed",
    "neighbours": "unnamed",
    "neighbors": "unnamed",
    "rescuers": "unnamed",
    "monitors": "ngo",
    "mission": "ngo",  # "the UN mission said", "the EU mission": a peacekeeping or monitoring mission
    # "the rebels said three of their fighters also died": an armed party speaking
    "rebels": "belligerent",
    "militants": "belligerent",
    "insurgents": "belligerent",
    "separatists": "belligerent",
    "jihadists": "belligerent",
    "investigators": "ngo",
    "researchers": "ngo",
    "coordinator": "official",
    # officials by their post: "the administrator of Lubero territory, Colonel X, said"
    "administrator": "official",
    "mayor": "official",
    "commissioner": "official",
    "prefect": "official",
    "minister": "official",
    "monitor": "ngo",
    "observatory": "ngo",
    "newspaper": "media",
    "media": "media",
    "agency": "media",
    "reports": "aggregate",
}
# Known outlets and organisations → kind (lower-case keys; aliases map to a display name).
SOURCE_NAMES: dict[str, tuple[str, str]] = {
    "al-jazeera": ("Al-Jazeera", "media"),
    "al jazeera": ("Al-Jazeera", "media"),
    "aljazeera": ("Al-Jazeera", "media"),
    "reuters": ("Reuters", "media"),
    "afp": ("AFP", "media"),
    "ap": ("AP", "media"),
    "associated press": ("AP", "media"),
    "bbc": ("BBC", "media"),
    "cnn": ("CNN", "media"),
    "xinhua": ("Xinhua", "media"),
    "sana": ("SANA", "media"),
    "al-arabiya": ("Al-Arabiya", "media"),
    "amnesty international": ("Amnesty International", "ngo"),
    "amnesty": ("Amnesty International", "ngo"),
    "human rights watch": ("Human Rights Watch", "ngo"),
    "hrw": ("Human Rights Watch", "ngo"),
    "sohr": ("Syrian Observatory for Human Rights", "ngo"),
    "syrian observatory for human rights": ("Syrian Observatory for Human Rights", "ngo"),
    "syrian observatory": ("Syrian Observatory for Human Rights", "ngo"),
    "snhr": ("Syrian Network for Human Rights", "ngo"),
    "syrian network for human rights": ("Syrian Network for Human Rights", "ngo"),
    "airwars": ("Airwars", "ngo"),
    "white helmets": ("White Helmets", "ngo"),
    "un": ("United Nations", "ngo"),
    "united nations": ("United Nations", "ngo"),
    "ocha": ("OCHA", "ngo"),
    "icrc": ("ICRC", "ngo"),
    "msf": ("MSF", "ngo"),
    "unicef": ("UNICEF", "ngo"),
    "who": ("WHO", "ngo"),
    "moi": ("MoI", "official"),
    "mod": ("MoD", "official"),
}
# Words that mark a capitalised phrase as an organisation (for resolving "They").
ORG_WORDS: frozenset[str] = frozenset(
    "international organization organisation observatory ministry watch committee council "
    "network agency news press times jazeera reuters amnesty nations commission office "
    "institute centre center foundation association union federation coalition group".split()
)
# Words that make a capitalised run an institution's name, not a person's ("X Harvester Church").
NOT_PERSON_WORDS: frozenset[str] = ORG_WORDS | frozenset(
    "church cathedral mosque hospital university school college party department company".split()
)

# Belligerent statements: trigger phrases (token sequences) → stance.
STATEMENT_TRIGGERS: tuple[tuple[str, str], ...] = (
    ("launching of an investigation", "investigating"),
    ("an investigation", "investigating"),
    ("an inquiry", "investigating"),
    ("a probe", "investigating"),
    ("is investigating", "investigating"),
    ("are investigating", "investigating"),
    ("to investigate", "investigating"),
    ("admitted", "admitted"),
    ("admits", "admitted"),
    ("acknowledged", "admitted"),
    ("acknowledges", "admitted"),
    ("conceded", "admitted"),
    ("concedes", "admitted"),
    ("accepted responsibility", "admitted"),
    ("took responsibility", "admitted"),
    ("claimed responsibility", "claimed"),
    ("claims responsibility", "claimed"),
    # "JNIM claimed the attack", "the group claimed the bombing in a statement"
    ("claimed the attack", "claimed"),
    ("claimed the attacks", "claimed"),
    ("claimed the bombing", "claimed"),
    ("claimed the assault", "claimed"),
    ("claimed the raid", "claimed"),
    ("claimed the ambush", "claimed"),
    ("claimed the killing", "claimed"),
    ("claimed the killings", "claimed"),
    ("claimed the blast", "claimed"),
    ("claims the attack", "claimed"),
    ("denied", "denied"),
    ("denies", "denied"),
    ("rejected the claims", "denied"),
)
# A report holding a party responsible names it after these words ("sources attributed the attack
# to the Taliban", "police blamed Boko Haram", "suspected Houthi militants"), within
# BLAME_REACH characters; a sentence with a denial holds no one responsible.
BLAME_BEFORE_PARTY: frozenset[str] = frozenset(
    "attributed attributes attribute blamed blames blame blaming suspected accused accuses".split()
)
BLAME_REACH = 60
DENIALS: frozenset[str] = frozenset("denied denies deny denying rejected rejects".split())
# A capital answering for its government: "Moscow has denied involvement", "Kyiv admitted …".
# Only as the subject of a denial or an admission: "a drone hit Moscow" blames no one, and
# "Damascus accused rebels" makes the accuser no perpetrator.
CAPITAL_SPEAKERS: dict[str, str] = {
    "moscow": "Russia",
    "washington": "United States",
    "damascus": "Syrian government",
    "ankara": "Turkey",
    "kyiv": "Ukraine",
    "kiev": "Ukraine",
}
ANSWERING_VERBS: frozenset[str] = frozenset(
    """denied denies rejected rejects admitted admits acknowledged acknowledges confirmed confirms""".split()
)
# Verbs that must precede an investigation trigger for it to be a party's act.
INVESTIGATION_VERBS: frozenset[str] = frozenset(
    "announced announces launched launches opened opens ordered orders began begins "
    "launching opening ordering announcing started starts".split()
)

# --- words the figure walk reads (extract.harm) -----------------------------------------------------

# ", aged 20, 25 and 31,": the words an age list may hold after "aged".
AGE_LIST_WORDS = frozenset({",", "and", "between", "to", "-", "–", "years", "old", "respectively"})
ASIDE_DETS = frozenset({"the", "one", "a", "two", "three"})  # "of the same family", "from two families"
# "40 civilians may have died": a hedged past, not a projection.
MODALS = frozenset({"may", "might", "could", "must"})
# Joints of a list of figures or victims.
JOIN = frozenset({"and", ",", "or", "&", "/"})
# "two of them", "3 of whom": a part of a figure before, not a figure of its own.
PRONOUNS = frozenset({"them", "whom", "those", "these", "which", "us", "they"})
# "the massacre of 40 villagers", "the death of a child": NOUN of FIGURE.
OF_NOUNS: dict[str, str] = {
    "massacre": "killed",
    "deaths": "killed",
    "death": "killed",
    "killing": "killed",
    "killings": "killed",
    "murder": "killed",
    "murders": "killed",
    "bodies": "killed",
    "lives": "killed",
    "execution": "killed",
    "executions": "killed",
    "remains": "killed",
    "injury": "injured",
    "injuries": "injured",
    "wounding": "injured",
    "abduction": "detained",
    "kidnapping": "detained",
    "arrest": "detained",
    "detention": "detained",
    "disappearance": "missing",
    "displacement": "displaced",
}
# "3 of the dead were children": a part of a total.
OF_THE_DEAD = frozenset({"dead", "killed", "victims", "casualties", "wounded", "injured", "deceased"})
# Words that say a sentence is about deaths (and that it is about harm at all).
DEATH_CUES = frozenset({"deadly", "lethal", "death", "deaths", "killed", "killing", "dead"})
# ", including four children, were killed": a verb after a comma closes a list of parts.
CLAUSE_VERBS = frozenset(
    {"were", "was", "are", "is", "have", "has", "had", "died", "killed", "reportedly", "according"}
)
# "The senator was not harmed", "Eboka was released unharmed", "the mayor escaped unhurt": the
# attack's target came to no harm (a zero, ``singulars``).
UNHARMED = frozenset({"unharmed", "unhurt", "unscathed"})
NOT_HARMED = frozenset({"harmed", "hurt", "injured", "wounded"})
# "nobody was hurt": a zero.
ZERO_WORDS = frozenset({"nobody", "none"})
# Nouns that never name one person ("police killed" is not one policeman).
PLURAL_ONLY = frozenset(
    {
        "children",
        "people",
        "police",
        "taliban",
        "personnel",
        "militia",
        "militias",
        "family",
        "families",
        "locals",
        "local",
        "forces",
        "troops",
        "bodies",
        "others",
    }
)
# "a soldier", "the driver": one person.
SINGULAR_DETS = frozenset({"a", "an", "one", "the"})
# Words that end a victims phrase: "about a hundred since the operation began".
PREPOSITIONS = frozenset(
    "since in on at after before during when while near by from as for "
    "with to that who which across inside outside within".split()
)

# "the toll has risen to 190 this week": when, not what was counted.
DEICTIC = frozenset("this last that next".split())
TIME_NOUNS = frozenset("morning afternoon evening night week weekend month year".split())

# Harm nouns that may follow a victim word: "19 civilian fatalities", "60 civilian casualties"
# (not "civilians killed", read as a participle, nor "civilians' bodies").
HARM_NOUNS_AFTER_VICTIMS = frozenset({"casualties", "deaths", "dead", "fatalities", "injuries"})

# "2 dead young owls": words that may stand between an adjective and its noun.
NUMBER_WORDS = frozenset(
    {
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "several",
        "many",
        "some",
        "dozens",
        "hundreds",
    }
)

# "was killed along with": a passive before a harm participle.
PASSIVE_AUX = frozenset({"was", "were", "been", "being", "is", "are", "be"})

# --- words the person reader reads (extract.persons) ------------------------------------------------

# A capitalised determiner is no name.
PERSON_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "their", "its", "this"})
# "he was killed": one person as the subject.
SUBJECT_PRONOUNS = frozenset({"he", "she"})

# --- words the lone-victim reader reads (extract.singulars) -----------------------------------------

# "two civilians and a police officer were killed": one person after a list of figures.
ONE_PERSON_DETS = frozenset({"a", "an", "one", "the"})

# "a soldier killed a policeman": the participle has an object, so it is active.
OBJECT_STARTS = frozenset(
    "a an the his her their its two three four five six seven eight nine ten dozens scores".split()
)

# After "injuring her": the pronoun is the object when no noun follows ("injuring her son" is not).
AFTER_OBJECT = frozenset("and or in at on near with while as before after outside inside during".split())

# "the body of a man was found": one dead.
FIND_VERBS = frozenset(
    "found find finds discovered discover discovers recovered recover recovers retrieved located locate locates".split()
)

# --- words that open the parts of a figure (extract.parts) ------------------------------------------

# "Among the dead were two children": the parts of the figure before.
AMONG_WHOM = frozenset({"dead", "killed", "victims", "fatalities", "wounded", "injured"})
# … and the harm of "among the wounded".
AMONG_OUTCOME = {"wounded": "injured", "injured": "injured"}

# --- words the sentence reading reads (extract.mentions) --------------------------------------------

# "that number later rose to six": words between the figure's noun and its revision.
REVISION_ADVERBS = frozenset(
    {"later", "subsequently", "then", "since", "eventually", "has", "had", "have", "was", "been"}
)

# --- words that frame a claim (extract) -------------------------------------------------------------

# "They said 12 died": a pronoun source, resolved to a name in the sentences before.
PRONOUN_SOURCES = frozenset({"they", "it", "he", "she"})
# "have been killed since": the perfect marks a running toll.
PERFECT_AUX = frozenset({"have", "has", "had"})
PERFECT_AFTER = frozenset({"been", "died", "lost", "perished", "killed", "displaced"})

# A source that opens a relative clause ("in the town, where residents said they could not flee")
# speaks inside that clause: it does not give the figures of the main clause before it.
RELATIVE_PRONOUNS = frozenset({"where", "who", "whom", "whose", "which", "when", "while"})

# --- words the context readers read: sources, parties, scope (extract.context) ----------------------

# Words inside a source's name ("Ministry of Health", "Doctors for Peace").
SOURCE_NAME_CONNECTORS = frozenset({"of", "for", "-", "'s", "the", "on", "and"})
# "most sources", "several reports": a group of sources.
AGGREGATE_FIRST = frozenset({"most", "many", "several", "various", "multiple", "some", "all"})
# "since they arrived": not a period's start.
STOP_AFTER_SINCE = frozenset({"they", "it", "he", "she", "we", "there", "you", "i", "this"})
# Words that are not part of a party's name before it.
NOT_MODIFIERS = frozenset(
    "that and the a an it they he she who which when while where whom whose after before as but also "
    "had has have was were is are been said in on at of to by with from".split()
)
# "the ISIS controlled town", "an ISIS position": territory or target, not the actor.
# … or a party's civil side speaking ("the Taliban administration's police said", "the Houthi
# health ministry"): a speaker, not the attacker.
SPEAKER_AFTER = frozenset(
    "administration administration's government government's authorities officials spokesman spokeswoman "
    "spokesperson ministry health media".split()
)
TARGET_AFTER = frozenset(
    "controlled held run occupied position positions target targets "
    "headquarters checkpoint checkpoints base bases hideout hideouts".split()
)
# Between a party and a passive verb of harm: its people ("Taliban key commander killed in a
# clash", "NPA rebel killed"), auxiliaries ("Iraqi troops were reportedly killed").
RANK_WORDS = frozenset("key senior top local prominent former notorious wanted most".split())
HARMED_AUX = PASSIVE_AUX | frozenset("had has have also reportedly allegedly later".split())
# After a verb of harm, words that begin its object ("killed the governor", "killed at least 12").
HARM_OBJECT_STARTS = OBJECT_STARTS | frozenset(
    "our this that these those some several many hundreds at more over nearly".split()
)
TARGET_BEFORE = frozenset(
    {"against", "targeting", "targets", "targeted", "fighting", "on", "struck", "hit", "bombed", "raided"}
    # the object of an act of force: "Assailants attacked Afghan soldiers", "ambushed Nigerian troops"
    | {"attacked", "attacking", "ambushed", "ambushing", "kill", "kills", "killed", "killing", "wounded", "injured"}
)
# "other sources", "unnamed officials": no one in particular.
VAGUE_FIRST = frozenset({"other", "some", "several", "various", "many", "unnamed", "unidentified"})
# United Nations bodies, read as one source family.
UN_WORDS = frozenset(
    {"un", "unama", "unami", "ohchr", "unhcr", "unicef", "ocha", "unsmil", "monusco", "minusma", "unmiss"}
)
# "Some reports put the toll at 100", "media claims": the noun, not the verb of attribution.
SOURCE_NOUN_BEFORE = frozenset(
    "some the a other several many these those such media news local earlier initial unconfirmed conflicting".split()
)

TIME_AROUND = frozenset("on late early night morning evening afternoon last this earlier , of".split())

# "according to figures compiled by": the data, then who gathered it.
DATA_WORDS = frozenset("information figures data statistics documentation a tally count reports findings".split())
GATHERED = frozenset("gathered compiled collected provided released published issued by".split())

# "in the past three days": a period, not a figure.
PERIOD_UNITS = frozenset("days weeks months years".split())
# After a figure, a length of time, not people: "over three days", "in 48 hours".
TIME_UNITS = PERIOD_UNITS | {"minutes", "hours"}

# "Tehreek-e-Jihad Pakistan, a new group believed to be linked to the Pakistani Taliban, claimed
# responsibility": a party named as what another is linked to is not the one speaking or blamed.
RELATED_TO = frozenset(
    {
        ("linked", "to"),
        ("affiliated", "with"),
        ("allied", "with"),
        ("allied", "to"),
        ("offshoot", "of"),
        ("splinter", "of"),
        ("faction", "of"),
        ("close", "to"),
        ("loyal", "to"),
        ("tied", "to"),
        ("branch", "of"),
    }
)
