"""Claims extraction as a spec: one sentence (or short text) → the claims it must yield."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from harmledger.extract import extract_claims
from harmledger.records import Claim, Document, sha256_hex

ROOT = Path(__file__).resolve().parent.parent
SEED_TEXT = ROOT / "samples" / "000_211a3c4709587a4d.txt"
SEED_GOLD = ROOT / "tests" / "fixtures" / "seed"
N = None


def claims_of(text: str, genre: str = "news") -> list[Claim]:
    doc = Document(id=sha256_hex(text), original=text.encode(), text=text, origin="test", genre=genre)  # type: ignore[arg-type]
    return extract_claims(doc)


def casualties(text: str) -> list[tuple]:
    """(outcome, figure text, low, high, best, victims) of each casualty claim."""
    return [
        (c.outcome, c.count.text, c.count.low, c.count.high, c.count.best, c.victims)
        for c in claims_of(text)
        if c.kind == "casualty" and c.count is not None
    ]


# --- how a figure is tied to a harm ---------------------------------------------------------
HARM = [
    # figure … participle (headline style and passive)
    ("15 Afghan Taliban killed in 24 hours", [("killed", "15", 15, 15, 15, "combatants")]),
    (
        "2 US soldiers wounded in a roadside bombing",
        [("injured", "2", 2, 2, 2, "combatants")],
    ),  # "US": the country, not "us"
    ("7 dead in Iraq attacks", [("killed", "7", 7, 7, 7, "people")]),
    ("Five wounded in attack on bus", [("injured", "Five", 5, 5, 5, "people")]),
    ("Two soldiers martyred in an attack", [("killed", "Two", 2, 2, 2, "combatants")]),
    ("163 people died yesterday", [("killed", "163", 163, 163, 163, "people")]),
    ("At least 2 civilians died after a shell hit their house.", [("killed", "At least 2", 2, N, N, "civilians")]),
    ("Dozens of people were killed or wounded in the explosion.", [("casualties", "Dozens", 24, 99, N, "people")]),
    ("Two Turkish servicemen reportedly die in clashes", [("killed", "Two", 2, 2, 2, "combatants")]),
    (
        "Between 8 and 11 civilians likely died in the incident.",
        [("killed", "Between 8 and 11", 8, 11, N, "civilians")],
    ),
    # verb … figure
    ("Shelling kills two children in eastern Ukraine", [("killed", "two", 2, 2, 2, "civilians")]),
    ("Afghan military kills 39 militants", [("killed", "39", 39, 39, 39, "combatants")]),
    ("A strike killed at least 56 civilians on Tuesday.", [("killed", "at least 56", 56, N, N, "civilians")]),
    ("Saudi-led airstrikes kill dozen Houthi rebels", [("killed", "dozen", N, N, 12, "combatants")]),
    # the killers are not the victims: "Iraqi forces" kill, the fighters die
    ("Iraqi forces killed 35 Islamic State fighters in a raid.", [("killed", "35", 35, 35, 35, "combatants")]),
    (
        "Israeli strikes kill and wound more than 80 members of the regime forces",
        [("casualties", "more than 80", 81, N, N, "combatants")],
    ),
    ("Unknown gunmen assassinate two SDF soldiers", [("killed", "two", 2, 2, 2, "combatants")]),
    ("Conflicts claim more than 150 lives", [("killed", "more than 150", 151, N, N, "people")]),
    # figure … harm noun; noun of figure; toll
    ("They were able to confirm 60 civilian casualties.", [("casualties", "60", 60, 60, 60, "civilians")]),
    ("The SNHR documented the death of 4 civilians.", [("killed", "4", 4, 4, 4, "civilians")]),
    ("Killing of 22 in Dibilou village", [("killed", "22", 22, 22, 22, "people")]),
    ("The death toll from the bombing rose to 52.", [("killed", "52", 52, 52, 52, "people")]),
    ("The civilian death toll is now over 125.", [("killed", "over 125", 126, N, N, "civilians")]),
    # a toll whose subject is long: followed only when the figure closes the toll's verb
    (
        "The toll from the shelling of a bus depot in Harim, a town in the west of Idlib province, has climbed to 23.",
        [("killed", "23", 23, 23, 23, "people")],
    ),
    ("The number of dead rose to 47 this week, the governor said.", [("killed", "47", 47, 47, 47, "people")]),
    ("Militiamen seized and decapitated four farmers.", [("killed", "four", 4, 4, 4, "civilians")]),
    (
        "Gunmen shot dead a police officer and a district council security guard.",
        [("killed", "officer", 1, 1, 1, "combatants"), ("killed", "guard", 1, 1, 1, "combatants")],
    ),
    ("A man threw a brick at a nurse, injuring her, outside the clinic.", [("injured", "her", 1, 1, 1, "people")]),
    # two harms joined by "and" after a passive verb: the second is the outcome
    ("Two farmers were shot and killed at the well.", [("killed", "Two", 2, 2, 2, "civilians")]),
    ("Four men were stabbed and wounded outside the mosque.", [("injured", "Four", 4, 4, 4, "people")]),
    # a group abducted or wounded, then harmed again by its definite name, keeps its figure
    (
        "Gunmen abducted three truck drivers on the highway. The truck drivers were later shot dead.",
        [("detained", "three", 3, 3, 3, "civilians"), ("killed", "The truck drivers", 3, 3, 3, "civilians")],
    ),
    (
        "Gunmen kidnapped four farmers near the river. The hostages were found strangled to death days later.",
        [("detained", "four", 4, 4, 4, "civilians"), ("killed", "The hostages", 4, 4, 4, "civilians")],
    ),
    # … and so does a group an attack targeted before its harm was told, named again or as "the victims"
    (
        "Two men beat three shepherds on the hillside. The shepherds were treated for their wounds.",
        [("injured", "The shepherds", 3, 3, 3, "civilians")],
    ),
    (
        "Settlers assaulted two women near the olive grove. The victims were injured.",
        [("injured", "The victims", 2, 2, 2, "people")],
    ),
    # … but a figure that counted no one harmed is not carried, nor one harm told twice
    ("The army sent 300 soldiers to the valley. The soldiers were wounded by sniper fire.", []),
    ("The company hired two drivers for the convoy. The drivers were injured.", []),
    (
        "Four guards were killed at the gate. The guards were killed by a car bomb.",
        [("killed", "Four", 4, 4, 4, "combatants")],
    ),
    # "them" after a later harm verb stands for the figure's victims, unless other victims came between
    ("Troops ambushed three militants and killed them.", [("killed", "three", 3, 3, 3, "combatants")]),
    ("Two gunmen attacked the guards, killing them.", []),
    # "all", "the" or a possessive between "the deaths of" and the figure
    ("Relatives confirmed the deaths of all four brothers.", [("killed", "four", 4, 4, 4, "people")]),
    ("The hospital reported the death of their two daughters.", [("killed", "two", 2, 2, 2, "people")]),
    # a figure inside a list of the named dead counts its people once, with the names it carries
    (
        "Rana Saleh, her husband Karim Odeh, their two sons Adam and Yusuf, and their daughter Lina were killed.",
        [
            ("killed", "Rana Saleh", 1, 1, 1, "people"),
            ("killed", "Karim Odeh", 1, 1, 1, "people"),
            ("killed", "two sons Adam and Yusuf", 2, 2, 2, "people"),
            ("killed", "Lina", 1, 1, 1, "people"),
        ],
    ),
    (
        "Their three sons, 19-year-old Omar Odeh, 16-year-old Sami Odeh and 12-year-old Fadi Odeh, were killed.",
        [("killed", "three", 3, 3, 3, "people")],
    ),
    # "members of" a body with a long name, up to the verb; the body says who they were
    ("At least 16 members of an NDS support unit were killed.", [("killed", "At least 16", 16, N, N, "people")]),
    (
        "Twelve members of the Afghan border police force were killed.",
        [("killed", "Twelve", 12, 12, 12, "combatants")],
    ),
    # … past an aside to a second group sharing the verb
    (
        "At least 12 members of a border patrol unit, including its captain, and 7 attackers were killed.",
        [("killed", "At least 12", 12, N, N, "people"), ("killed", "7", 7, 7, 7, "combatants")],
    ),
    # the victims' own verb that is no harm ends the search for theirs: the later verb is another figure's
    (
        "More than 15 people were under the rubble while medics reported that ten people were killed.",
        [("killed", "ten", 10, 10, 10, "people")],
    ),
    # an aside that opens with "including" and has no closing comma ends at the victims' verb
    (
        "At least seven people, including guards and drivers were killed, and nine others were injured.",
        [("killed", "At least seven", 7, N, N, "people"), ("injured", "nine", 9, 9, 9, "people")],
    ),
    # figures before a relative named by whose relative she is share her verb
    (
        "Two soldiers and the wife of a police officer were killed.",
        [("killed", "Two", 2, 2, 2, "combatants"), ("killed", "officer", 1, 1, 1, "combatants")],
    ),
    # figures before "a <person>" share the person's verb; "an unknown number of" is a figure, not a toll
    (
        "Besides an unknown number of attackers, two guards and a driver were killed.",
        [("killed", "two", 2, 2, 2, "combatants"), ("killed", "a driver", 1, 1, 1, "civilians")],
    ),
    # ... and so do figures before a person a headline names without an article
    (
        "10 DRG jawans, driver killed in Maoist IED blast",
        [("killed", "10", 10, 10, 10, "combatants"), ("killed", "driver", 1, 1, 1, "civilians")],
    ),
    # a relative clause between the victims and their verb; its own harm when the verb tells none
    (
        "One resident who was shot during the raid died in hospital.",
        [("killed", "One", 1, 1, 1, "civilians")],
    ),
    ("Three soldiers who were wounded in the attack later died.", [("killed", "Three", 3, 3, 3, "combatants")]),
    # a sentence that opens by sharing out the victims before tells its own harm of them
    (
        "Twelve people were wounded in the blast. Three of them died later in hospital.",
        [("injured", "Twelve", 12, 12, 12, "people"), ("killed", "Three", 3, 3, 3, "people")],
    ),
    (
        "Nine of them, including four children, were killed in Kafr Nabl.",
        [("killed", "Nine", 9, 9, 9, "civilians")],
    ),
    # "a couple of" is two or three
    ("A couple of civilians were killed in the shelling.", [("killed", "A couple", 2, 3, N, "civilians")]),
    # an assault and its weapon between the victims and their harm
    (
        "A farmer was slashed with a machete and injured near his fields.",
        [("injured", "A farmer", 1, 1, 1, "civilians")],
    ),
    ("Two villagers were hacked with machetes and killed.", [("killed", "Two", 2, 2, 2, "civilians")]),
    # the person "injuring him" speaks of may have words before the noun
    (
        "Gunmen shot a local councillor in the leg outside his home, injuring him.",
        [("injured", "him", 1, 1, 1, "people")],
    ),
    # "both" before the people a report named is two of them
    (
        "Gunmen shot a shopkeeper and his nephew near the market. Both men died at the scene.",
        [("killed", "Both", 2, 2, 2, "people")],
    ),
    # one attacker before an active verb with a qualified figure is no victim
    ("A gunman killed more than 20 people at a market.", [("killed", "more than 20", 21, N, N, "people")]),
    # a partial quote closing after the victims
    (
        'A UN official said "at least 18 civilians" were killed in the shelling.',
        [("killed", "at least 18", 18, N, N, "civilians")],
    ),
    ("Residents said “more than 70 people” had been killed.", [("killed", "more than 70", 71, N, N, "people")]),
    # what was misreported is no claim; the corrected figure is
    (
        "Officials mistakenly reported that 30 people were killed, but the toll is 13.",
        [("killed", "13", 13, 13, 13, "people")],
    ),
    # … and so does one whose verb harms "N of them"
    (
        "Gunmen stopped the bus, forced the passengers off and shot dead nine of them.",
        [("killed", "nine", 9, 9, 9, "people")],
    ),
    ("Militiamen opened fire on 14 miners, killing eight of them.", [("killed", "eight", 8, 8, 8, "people")]),
    # guards, read so before: the verb after the clause, and the clause's own harm
    ("Two men who tried to flee were shot dead.", [("killed", "Two", 2, 2, 2, "people")]),
    ("Two men who were killed in the blast were buried on Monday.", [("killed", "Two", 2, 2, 2, "people")]),
    # "along with" a few words after the harm ("killed in the same strike along with …")
    (
        "Rami Haddad was killed in the same strike along with his uncle Fadi Haddad.",
        [("killed", "Rami Haddad", 1, 1, 1, "people"), ("killed", "Fadi Haddad", 1, 1, 1, "people")],
    ),
    # a named person "along with" a figure of their company, before the verb, is one more
    # (a title and a hyphenated name included)
    (
        "Judge Nabil Karim Al-Masri, along with 9 relatives, was killed in the strike.",
        [("killed", "Judge Nabil Karim Al-Masri", 1, 1, 1, "people"), ("killed", "9", 9, 9, 9, "people")],
    ),
    (
        "Nabil al-Masri and two neighbours were killed in the shelling.",
        [("killed", "Nabil al-Masri", 1, 1, 1, "people"), ("killed", "two", 2, 2, 2, "people")],
    ),
    # … and so is one before "and his …": his bodyguard, his two sons
    (
        "Karim Mansour and his bodyguard were killed when the car exploded.",
        [("killed", "Karim Mansour", 1, 1, 1, "people"), ("killed", "bodyguard", 1, 1, 1, "people")],
    ),
    (
        "Colonel Karim Mansour and his two sons were wounded in the blast.",
        [("injured", "Colonel Karim Mansour", 1, 1, 1, "people"), ("injured", "two", 2, 2, 2, "people")],
    ),
    # after an "including" aside closed by a comma, ", and" + a figure is a group of its own
    (
        "Six people were killed, including a gunman, and three guards and two drivers were wounded.",
        [
            ("killed", "Six", 6, 6, 6, "people"),
            ("injured", "three", 3, 3, 3, "combatants"),
            ("injured", "two", 2, 2, 2, "civilians"),
        ],
    ),
    # "a group of" victims is at least two, with no upper bound
    ("A group of farmers were killed in the shelling.", [("killed", "A group", 2, N, N, "civilians")]),
    # a force's acronym in brackets, and a nationality opening its name, stay inside the victims
    ("Six Afghan National Army (ANA) soldiers were killed.", [("killed", "Six", 6, 6, 6, "combatants")]),
    ("Three Border Security Force (BSF) personnel were injured.", [("injured", "Three", 3, 3, 3, "combatants")]),
    # a person described by faith is one person, not a name: the figure is the noun
    ("Gunmen shot and killed a Derry Protestant.", [("killed", "Protestant", 1, 1, 1, "people")]),
    # the capitals of a headline after a harm verb are no person's name
    ("Fighters Killed In Mountain Clash", []),
    # … but in the active voice the victim is the object, not the attackers
    ("Two gunmen shot and killed a shopkeeper.", [("killed", "a shopkeeper", 1, 1, 1, "civilians")]),
    # harm phrases of several words, kept as patterns in vocab.HARM_PHRASES
    ("Nine miners were gunned down at the pit gate.", [("killed", "Nine", 9, 9, 9, "civilians")]),
    ("Bandits gun down 4 farmers in their fields.", [("killed", "4", 4, 4, 4, "civilians")]),
    ("Four guards lost their lives in the ambush.", [("killed", "Four", 4, 4, 4, "combatants")]),
    (
        "Three people died and 20 were treated for wounds at the district clinic.",
        [("killed", "Three", 3, 3, 3, "people"), ("injured", "20", 20, 20, 20, "people")],
    ),
    (
        "Eleven pupils were treated for their injuries after the blast.",
        [("injured", "Eleven", 11, 11, 11, "civilians")],
    ),
    ("Six passengers were hospitalised with burns.", [("injured", "Six", 6, 6, 6, "civilians")]),
    # the subject of an active verb is the killer, not a victim (figure in digits or in words)
    ("A gunman killed two soldiers near the base.", [("killed", "two", 2, 2, 2, "combatants")]),
    ("A sniper killed a shepherd on the hill.", [("killed", "a shepherd", 1, 1, 1, "civilians")]),
    ("A suicide bomber killed eight people.", [("killed", "eight", 8, 8, 8, "people")]),
    # a verb before the figure makes it the whole, even with "including" and no comma
    ("Gunmen killed nine villagers including two boys.", [("killed", "nine", 9, 9, 9, "civilians")]),
    ("The blast killed six people including the attacker.", [("killed", "six", 6, 6, 6, "people")]),
    (
        "The attack left 5 dead and 12 injured.",
        [("killed", "5", 5, 5, 5, "people"), ("injured", "12", 12, 12, 12, "people")],
    ),
    # two figures, one verb each / shared verb / ellipsis
    (
        "At least 30 Taliban killed, 12 injured in Afghan west province",
        [("killed", "At least 30", 30, N, N, "combatants"), ("injured", "12", 12, 12, 12, "people")],
    ),
    (
        "Between six and ten civilians including four children and one woman were killed, and dozens were injured.",
        [("killed", "Between six and ten", 6, 10, N, "civilians"), ("injured", "dozens", 24, 99, N, "people")],
    ),
    (
        "The shelling killed twelve Tamimi family members, including two women and four children, "
        "and a number of civilians were injured.",
        [("killed", "twelve", 12, 12, 12, "civilians"), ("injured", "a number", 2, N, N, "civilians")],
    ),
    (
        "Twelve soldiers, 26 insurgents killed in clashes",
        [("killed", "Twelve", 12, 12, 12, "combatants"), ("killed", "26", 26, 26, 26, "combatants")],
    ),
    ("The bombing killed 3 and injured 7.", [("killed", "3", 3, 3, 3, "people"), ("injured", "7", 7, 7, 7, "people")]),
    (
        "A suicide bomber killed 35 people and wounded more than 60.",
        [("killed", "35", 35, 35, 35, "people"), ("injured", "more than 60", 61, N, N, "people")],
    ),
    (
        "Confirmed 60 civilian casualties and about a hundred since March.",
        [("casualties", "60", 60, 60, 60, "civilians"), ("casualties", "about a hundred", N, N, 100, "civilians")],
    ),
    ("Nine people were killed and over sixty remain in critical condition.", [("killed", "Nine", 9, 9, 9, "people")]),
    ("He confirmed 14 fatalities and 35 others under treatment.", [("killed", "14", 14, 14, 14, "people")]),
    # one person without a figure; zero
    ("Civilian killed in northern Al-Raqqa countryside", [("killed", "Civilian", 1, 1, 1, "civilians")]),
    ("A child was killed by sniper fire in Daraa.", [("killed", "A child", 1, 1, 1, "civilians")]),
    ("Police kill suspected gunman in Kabarda-Balkaria", [("killed", "gunman", 1, 1, 1, "combatants")]),
    ("No civilians were harmed in the strike.", [("casualties", "No", 0, 0, 0, "civilians")]),
    ("A rocket hit the base; no one was hurt.", [("injured", "no one", 0, 0, 0, "people")]),
    # parts of an earlier figure are not counted again
    (
        "163 people died yesterday, including 52 members of the regime forces",
        [("killed", "163", 163, 163, 163, "people")],
    ),
    (
        "199 were killed, including 78 civilians, 37 of whom were killed by air strikes and 15 under torture",
        [("killed", "199", 199, 199, 199, "people")],
    ),
    ("Two BSF men among eight killed in Kashmir", [("killed", "eight", 8, 8, 8, "people")]),
    (
        "Five members of the same family, including three children, were killed.",
        [("killed", "Five", 5, 5, 5, "civilians")],
    ),
    ("Seven people, three of them children, were killed.", [("killed", "Seven", 7, 7, 7, "people")]),
    ("He was one of 12 people killed in the raid.", [("killed", "12", 12, 12, 12, "people")]),
    ("The strike caused 19 civilian fatalities.", [("killed", "19", 19, 19, 19, "civilians")]),
    # people of the courts, the clergy and the campaign trail are victims like any others
    ("The two judges, including a woman, were killed.", [("killed", "two", 2, 2, 2, "civilians")]),
    # a definite article or "a further" between the verb and its figure
    ("The strike killed the three sons of a local farmer.", [("killed", "three", 3, 3, 3, "people")]),
    (
        "A missile hit the flat, killing the four children of a teacher and injuring a further 28 civilians.",
        [("killed", "four", 4, 4, 4, "civilians"), ("injured", "28", 28, 28, 28, "civilians")],
    ),
    (
        "Up to 11 civilians, including four children, were killed and at least 15 others injured.",
        # the four children counted among them are a floor for a figure that gives only its ceiling
        [("killed", "Up to 11", 4, 11, N, "civilians"), ("injured", "at least 15", 15, N, N, "people")],
    ),
    (
        "The strike killed a woman and her three children.",
        [("killed", "a woman", 1, 1, 1, "civilians"), ("killed", "three", 3, 3, 3, "civilians")],
    ),
    ("1st LD: Two Taliban key commanders killed in western Afghanistan", [("killed", "Two", 2, 2, 2, "combatants")]),
    ("They locate an executed man in a ravine", [("killed", "an executed man", 1, 1, 1, "people")]),
    ("A 10-year-old boy was injured", [("injured", "boy", 1, 1, 1, "civilians")]),  # the age is no figure
    (
        "Shelling hit the house, killing a woman and injuring her two daughters.",
        [("killed", "a woman", 1, 1, 1, "civilians"), ("injured", "two", 2, 2, 2, "people")],
    ),
    ("The airstrike killed a family of five in Idlib.", [("killed", "five", 5, 5, 5, "people")]),
    ("A man and his son were killed.", [("killed", "A man", 1, 1, 1, "people"), ("killed", "son", 1, 1, 1, "people")]),
    (
        "A man, his wife and their son were killed by shelling.",
        [
            ("killed", "A man", 1, 1, 1, "people"),
            ("killed", "wife", 1, 1, 1, "people"),
            ("killed", "son", 1, 1, 1, "people"),
        ],
    ),
    (
        "A woman and her three children were killed.",
        [("killed", "A woman", 1, 1, 1, "civilians"), ("killed", "three", 3, 3, 3, "civilians")],
    ),
    # "one" standing for a noun is no figure
    ("The toll is updated when a later official statement supersedes an earlier one.", []),
    ("A car bomb killed one person, the second such one this week.", [("killed", "one", 1, 1, 1, "people")]),
    # a share with its own verb: the figure before it keeps its own harm
    ("The blast wounded 20 people, two of whom were killed.", [("injured", "20", 20, 20, 20, "people")]),
    ("The hospital received 12 patients, two of whom were dead on arrival.", []),
    # members of a party to the fighting are fighters
    ("The air force killed 30 members of the PDF.", [("killed", "30", 30, 30, 30, "combatants")]),
    ("Troops killed 12 members of Boko Haram.", [("killed", "12", 12, 12, 12, "combatants")]),
    # … whatever the party's name holds: a possessive, its acronym in brackets
    (
        "Three members of the New People's Army (NPA) were killed in a clash on Sunday.",
        [("killed", "Three", 3, 3, 3, "combatants")],
    ),
    # a partial quote closing right after the figure
    (
        'The governor said "at least 56" people were killed in the raids.',
        [("killed", "at least 56", 56, N, N, "people")],
    ),
    # a couple is two people (not "a couple of", two or three), alone or before their children
    ("An elderly couple was killed when the shell hit.", [("killed", "couple", 2, 2, 2, "people")]),
    ("Gunmen shot dead a young couple on the road.", [("killed", "couple", 2, 2, 2, "people")]),
    (
        "A couple and their ten-month-old baby were killed.",
        [("killed", "A couple", 2, 2, 2, "people"), ("killed", "baby", 1, 1, 1, "civilians")],
    ),
    ("Yemen army 'kills wanted IS militant' in Taiz", [("killed", "militant", 1, 1, 1, "combatants")]),
    ("They find a body with signs of torture", [("killed", "a body", 1, 1, 1, "people")]),
    ("The body of a man was found in the river.", [("killed", "The body", 1, 1, 1, "people")]),
    ("Police found a dead body near the road.", [("killed", "a dead body", 1, 1, 1, "people")]),
    (
        "Gunmen abducted a shopkeeper in Tamlo. His lifeless body was later found in a field.",
        [("detained", "a shopkeeper", 1, 1, 1, "civilians"), ("killed", "His lifeless body", 1, 1, 1, "people")],
    ),
    ("The dead body was found near the road.", []),  # a guard: "the body" may be one counted already
    ("Five civilians from the same family were killed.", [("killed", "Five", 5, 5, 5, "civilians")]),
    ("Gunmen shot dead a local council member in Jarabulus.", [("killed", "member", 1, 1, 1, "people")]),
    ("Rebel factions executed 3 YPG fighters captured near Jinderes.", [("killed", "3", 3, 3, 3, "combatants")]),
    (
        "2 PMF members were killed and another was wounded.",
        [("killed", "2", 2, 2, 2, "people"), ("injured", "another", 1, 1, 1, "people")],
    ),
    (
        "Gunmen opened fire, killing a former opposition commander and his brother.",
        [("killed", "commander", 1, 1, 1, "combatants"), ("killed", "brother", 1, 1, 1, "people")],
    ),
    (
        "Eighteen members of the Badran family lost their lives, among them nine children.",
        [("killed", "Eighteen", 18, 18, 18, "civilians")],
    ),
    ("Neighbours said two more people from a nearby house were also killed.", [("killed", "two", 2, 2, 2, "people")]),
    (
        "SOHR said 26 regime soldiers and allied militiamen were killed, "
        "along with 18 fighters from the rebel factions.",
        [("killed", "26", 26, 26, 26, "combatants"), ("killed", "18", 18, 18, 18, "combatants")],
    ),
    (
        "Residents said at least 13 worshippers and traders were killed.",
        [("killed", "at least 13", 13, N, N, "civilians")],
    ),
    ('Syrian state media said 12 "terrorists" were killed.', [("killed", "12", 12, 12, 12, "combatants")]),
    ("Three members of one family, including a child, were killed.", [("killed", "Three", 3, 3, 3, "civilians")]),
    ("Up to 40 civilians may have died in the strike.", [("killed", "Up to 40", N, 40, N, "civilians")]),
    (
        "They said four people died at the scene, Sheikhmous Ali, 52, "
        "his daughter-in-law and her two sons, aged 5 and 8.",
        [("killed", "four", 4, 4, 4, "people")],
    ),
    (
        "Five children, aged between 6 and 14, and one adult man were killed.",
        [("killed", "Five", 5, 5, 5, "civilians"), ("killed", "one", 1, 1, 1, "people")],
    ),
    ("Three civilians, aged 20, 25 and 31, were killed.", [("killed", "Three", 3, 3, 3, "civilians")]),
    (
        "Four children and one adult man, a street vendor, were killed.",
        [("killed", "Four", 4, 4, 4, "civilians"), ("killed", "one", 1, 1, 1, "people")],
    ),
    (
        "Medics confirmed the death of a child and the injury of his mother.",
        [("killed", "a child", 1, 1, 1, "civilians"), ("injured", "mother", 1, 1, 1, "civilians")],
    ),
    ("Gunmen killed his brother.", [("killed", "brother", 1, 1, 1, "people")]),
    ("Two of the wounded later died in hospital.", [("killed", "Two", 2, 2, 2, "people")]),
    (
        "A mass grave containing the remains of 47 people was uncovered near Sinjar.",
        [("killed", "47", 47, 47, 47, "people")],
    ),
    # one person named or described, with no figure (persons.py)
    (
        "Gunmen shot and killed a retired schoolteacher in Kandahar.",
        [("killed", "a retired schoolteacher", 1, 1, 1, "people")],
    ),
    ("Unknown attackers killed Maria Okonjo, a nurse, near her home.", [("killed", "Maria Okonjo", 1, 1, 1, "people")]),
    (
        "Gunmen fired on a minibus. Okonjo, a nurse and a mother of four, was killed.",
        [("killed", "Okonjo", 1, 1, 1, "civilians")],
    ),
    ("The assailant was killed by the guards.", [("killed", "assailant", 1, 1, 1, "combatants")]),
    ("Okafor was wounded in the raid and later died of his wounds.", [("killed", "Okafor", 1, 1, 1, "people")]),
    (
        "Gunmen killed an electoral clerk and a driver in Sokoto.",
        [("killed", "an electoral clerk", 1, 1, 1, "people"), ("killed", "a driver", 1, 1, 1, "civilians")],
    ),
    (
        "Militants killed Idris Musa, a village head, and his nephew.",
        [("killed", "Idris Musa", 1, 1, 1, "people"), ("killed", "nephew", 1, 1, 1, "people")],
    ),
    (
        "Okafor and four others were killed in the ambush.",
        [("killed", "Okafor", 1, 1, 1, "people"), ("killed", "four", 4, 4, 4, "people")],
    ),
    # a person named in full who "died", in a sentence that says how violence was done
    ("Khalid Omar died in the shelling of the market.", [("killed", "Khalid Omar", 1, 1, 1, "people")]),
    (
        "The farmer Khalid Omar reportedly died of his wounds two days later.",
        [("killed", "Khalid Omar", 1, 1, 1, "civilians")],
    ),
    (
        "A teacher, Rami Saleh, died due to injuries sustained in the raid.",
        [("killed", "Rami Saleh", 1, 1, 1, "civilians")],
    ),
    ("Khalid Omar died in hospital after a long illness.", []),  # no violence said: no claim
    ("Omar died in the shelling.", []),  # one name word may be anyone: no claim
    # the people listed after "the deaths of", "along with", or a named victim
    (
        "The raid caused the deaths of Ali Hamdan, Yusuf Hamdan, and Nabil Saeed Hamdan.",
        [
            ("killed", "Ali Hamdan", 1, 1, 1, "people"),
            ("killed", "Yusuf Hamdan", 1, 1, 1, "people"),
            ("killed", "Nabil Saeed Hamdan", 1, 1, 1, "people"),
        ],
    ),
    (
        "Karim Nasser was killed along with his 80-year-old uncle Fuad Nasser and Samir Odeh.",
        [
            ("killed", "Karim Nasser", 1, 1, 1, "people"),
            ("killed", "Fuad Nasser", 1, 1, 1, "people"),
            ("killed", "Samir Odeh", 1, 1, 1, "people"),
        ],
    ),
    (
        "The strike killed Hajj Omar Saleh, his wife Mona and their son Fadi.",
        [
            ("killed", "Hajj Omar Saleh", 1, 1, 1, "people"),
            ("killed", "Mona", 1, 1, 1, "people"),
            ("killed", "Fadi", 1, 1, 1, "people"),
        ],
    ),
    (
        "Nour Haddad was killed together with her husband.",
        [("killed", "Nour Haddad", 1, 1, 1, "people"), ("killed", "husband", 1, 1, 1, "people")],
    ),
    # a list of people that is the whole subject of the harm, one each; "his wife, Mona" is one person
    (
        "Grandparents Umm Ali Haddad and Mustafa Ali Haddad (54 years old) were killed.",
        [
            ("killed", "Grandparents Umm Ali Haddad", 1, 1, 1, "people"),
            ("killed", "Mustafa Ali Haddad", 1, 1, 1, "people"),
        ],
    ),
    (
        "Samir Haddad (62 years old) and his wife, Fayza Haddad (58 years old), were killed in the strike.",
        [("killed", "Samir Haddad", 1, 1, 1, "people"), ("killed", "Fayza Haddad", 1, 1, 1, "people")],
    ),
    (
        "Jihad Odeh, a friend of the family, and Sherifa Saleh, a neighbour, were also killed.",
        [("killed", "Jihad Odeh", 1, 1, 1, "people"), ("killed", "Sherifa Saleh", 1, 1, 1, "people")],
    ),
    ("Police and soldiers were killed.", []),  # plural victims with no figure
    ("Mourners marked the death of Pope Francis.", []),  # a death with no violence said
    ("Protesters condemned the killing of civilians in the city.", []),  # plural victims, no figure
    ("The blast killed Omar Saleh, Kabul police said.", [("killed", "Omar Saleh", 1, 1, 1, "people")]),
    # a verb with its subject before it kills the bare noun after it; a role is one person
    (
        "Assailants shot and killed village leader Musa Bello at his home.",
        [("killed", "leader", 1, 1, 1, "people")],
    ),
    (
        "Gunmen attacked and killed teacher and her husband in the village.",
        [("killed", "teacher", 1, 1, 1, "civilians"), ("killed", "husband", 1, 1, 1, "people")],
    ),
    ("A severely injured man was carried into the clinic.", []),  # "injured" describes him
    ("Gunmen killed the finance manager of the district council.", [("killed", "manager", 1, 1, 1, "people")]),
    ("The security agent was killed when the device went off.", [("killed", "agent", 1, 1, 1, "combatants")]),
    # a nationality before a name modifies it; an acronym in brackets stays inside the description
    (
        "Gunmen shot and killed an Afghan Air Force (AAF) pilot and a government clerk in Kabul.",
        [
            ("killed", "an Afghan Air Force (AAF) pilot", 1, 1, 1, "people"),
            ("killed", "a government clerk", 1, 1, 1, "people"),
        ],
    ),
    # a long apposition between a name and "and N others"
    (
        "Wadan, a spokesman for the National Public Protection Force (NPPF), and two colleagues were killed.",
        [("killed", "Wadan", 1, 1, 1, "people"), ("killed", "two", 2, 2, 2, "people")],
    ),
    # "hacked to death" and the like are harm phrases (vocab.HARM_PHRASES)
    ("Musa Bello was abducted and hacked to death.", [("killed", "Musa Bello", 1, 1, 1, "people")]),
    ("Three farmers were beaten to death by the mob.", [("killed", "Three", 3, 3, 3, "civilians")]),
    # the worst fate told is the one counted
    ("Two men were abducted and killed near the border.", [("killed", "Two", 2, 2, 2, "people")]),
    # a harm phrase is shared across "and" as a verb is
    (
        "Unknown gunmen shot dead a tribal elder and two of his sons at their home.",
        [("killed", "elder", 1, 1, 1, "people"), ("killed", "two", 2, 2, 2, "people")],
    ),
    # the wounded who died later, across the attack that hurt them
    (
        "Two of the people wounded in Saturday's shooting at a party in the town died in hospital.",
        [("killed", "Two", 2, 2, 2, "people")],
    ),
    # … and the whole it is a share of, a figure of its own
    (
        "Four of the 15 injured died at the General Hospital.",
        [("killed", "Four", 4, 4, 4, "people"), ("injured", "15", 15, 15, 15, "people")],
    ),
    # the verb of the figure before "and" is this one's too, however far its place and day run
    (
        "Fighters killed at least 23 people at a blockade on June 17, and at least six people in a separate "
        "attack the same night.",
        [("killed", "at least 23", 23, None, None, "people"), ("killed", "at least six", 6, None, None, "people")],
    ),
    # … and is no speaker ("a health worker and two residents said")
    (
        "A drone strike on a minibus near the town killed 11 civilians on Sunday, a health worker and two "
        "residents said.",
        [("killed", "11", 11, 11, 11, "civilians")],
    ),
    # … only when the figure after "and" has no verb of its own
    ("Gunmen killed 23 villagers and burned six houses.", [("killed", "23", 23, 23, 23, "civilians")]),
    # the buried are dead (the count a community gives where no official one exists)
    ("We buried 68 people in the cemetery on Monday alone.", [("killed", "68", 68, 68, 68, "people")]),
    ("The chairman said 163 people had been buried in a mass grave.", [("killed", "163", 163, 163, 163, "people")]),
    # a day inside the toll's subject is no figure of its own
    ("The death toll from a June 5 air raid on a village has risen to 15.", [("killed", "15", 15, 15, 15, "people")]),
    # captives freed later were still taken in the report's event (guard for freed captives, NO_CLAIM)
    ("Gunmen abducted 12 villagers, who were later released.", [("detained", "12", 12, 12, 12, "civilians")]),
    # hostages and captives are held, as the abducted are
    (
        "At least 11 police officers were taken hostage in the raid.",
        [("detained", "At least 11", 11, N, N, "combatants")],
    ),
    ("Two aid workers were held captive for a month.", [("detained", "Two", 2, 2, 2, "civilians")]),
    # where the victims came from, a list of countries, still stands before their harm
    (
        "Thirteen peacekeepers from South Africa, Malawi and Uruguay were killed near the city.",
        [("killed", "Thirteen", 13, 13, 13, "combatants")],
    ),
    # people told among the dead, with no figure before them, are at least that many
    (
        "Residents said three herders were among those killed when aircraft bombed the area.",
        [("killed", "three", 3, N, N, "civilians")],
    ),
    ("Two pastoralists were among the dead.", [("killed", "Two", 2, N, N, "civilians")]),
    # what kind of wound stands between "treated for" and "wounds"
    ("An elderly woman was hospitalised with head wounds.", [("injured", "woman", 1, 1, 1, "civilians")]),
    ("Nine people were treated for gunshot wounds.", [("injured", "Nine", 9, 9, 9, "people")]),
    # a rank is no figure
    (
        "Khalid Omar was the thirty-second teacher killed since the war began.",
        [("killed", "teacher", 1, 1, 1, "civilians")],
    ),
    ("The shelling led to the death of four patients at the clinic.", [("killed", "four", 4, 4, 4, "civilians")]),
    # a relative named by whose relative they are, an aside between dashes
    (
        "The wife of Musab Haddad – a spokesman for the movement – and three other civilians were killed.",
        [("killed", "The wife of Musab Haddad", 1, 1, 1, "people"), ("killed", "three", 3, 3, 3, "civilians")],
    ),
    (
        "In addition to the bomber, two guards were killed.",
        [("killed", "bomber", 1, 1, 1, "combatants"), ("killed", "two", 2, 2, 2, "combatants")],
    ),
    ("Nobody was killed in the fire.", [("killed", "Nobody", 0, 0, 0, "people")]),
    # "a number of", "an unknown number of", "multiple": a plural with no figure, at least two
    ("Rebels killed a number of villagers.", [("killed", "a number", 2, N, N, "civilians")]),
    ("The guards were shot and killed a short while later.", []),  # "a short while" is no person
    (
        "Samir Haddad was killed together with his two daughters when the house collapsed.",
        [("killed", "Samir Haddad", 1, 1, 1, "people"), ("killed", "two", 2, 2, 2, "people")],
    ),
    (
        "Jets struck the camp, killing an unknown number of people.",
        [("killed", "an unknown number", 2, N, N, "people")],
    ),
    ("Two border police reservists were killed in the ambush.", [("killed", "Two", 2, 2, 2, "combatants")]),
    ("Four traders were killed and two lorries were set alight.", [("killed", "Four", 4, 4, 4, "civilians")]),
    (
        "At least 9 people, including four Kenyan Defence Forces (KDF) soldiers and two drivers, were killed.",
        [("killed", "At least 9", 9, N, N, "people")],
    ),
    (
        "Five worshippers - including the village imam Musa Bello, were killed.",
        [("killed", "Five", 5, 5, 5, "civilians")],
    ),
    ("Six Kenyan Red-Cross volunteers were killed.", [("killed", "Six", 6, 6, 6, "civilians")]),
    (
        "The informer and his three brothers were killed.",
        [("killed", "informer", 1, 1, 1, "people"), ("killed", "three", 3, 3, 3, "people")],
    ),
    (
        "Nine members of the Okafor family were killed when the roof fell in.",
        [("killed", "Nine", 9, 9, 9, "civilians")],
    ),
    ("Four paramedics working for the Red Crescent were killed.", [("killed", "Four", 4, 4, 4, "civilians")]),
    ("Two teachers at the village school were wounded.", [("injured", "Two", 2, 2, 2, "civilians")]),
    # an early figure and its revision in one sentence: the revision is the figure
    ("Medics first counted five dead, but that number later rose to eight.", [("killed", "eight", 8, 8, 8, "people")]),
    (
        "Eleven people were reported killed, a figure subsequently revised to 17.",
        [("killed", "17", 17, 17, 17, "people")],
    ),
    ("Three people drowned as the water level rose to 4 metres.", [("killed", "Three", 3, 3, 3, "people")]),
    # perpetrators and victims side by side, each their own figure
    (
        "At least five assailants and three soldiers were killed in the clash.",
        [("killed", "At least five", 5, N, N, "combatants"), ("killed", "three", 3, 3, 3, "combatants")],
    ),
    (
        "Four police officers were killed and three officers and two attackers were injured.",
        [
            ("killed", "Four", 4, 4, 4, "combatants"),
            ("injured", "three", 3, 3, 3, "combatants"),
            ("injured", "two", 2, 2, 2, "combatants"),
        ],
    ),
    ("Two farmers (Ali Musa and Sani Bello) were killed in the raid.", [("killed", "Two", 2, 2, 2, "civilians")]),
    # a day or a year beside a month is a date, not a figure
    (
        "An airstrike on 17 March 2017 killed more than 100 civilians.",
        [("killed", "more than 100", 101, N, N, "civilians")],
    ),
    ("The attack on 5 May killed three.", [("killed", "three", 3, 3, 3, "people")]),
    ("A raid on March 17 killed 4 fighters.", [("killed", "4", 4, 4, 4, "combatants")]),
    (
        "KANDAHAR, Afghanistan, March 3, 2019 - A roadside bomb killed six travellers.",
        [("killed", "six", 6, 6, 6, "civilians")],
    ),
    (
        "HODEIDAH, Yemen, May 9, 2020 - Eleven fishermen were killed when their boat was hit.",
        [("killed", "Eleven", 11, 11, 11, "civilians")],
    ),
    # asides: parts, or a breakdown of "casualties" into killed and injured
    (
        "The attack killed four people - two women and two children - and wounded nine.",
        [("killed", "four", 4, 4, 4, "people"), ("injured", "nine", 9, 9, 9, "people")],
    ),
    (
        "UNAMA documented 3,812 civilian casualties (1,366 deaths and 2,446 injured).",
        [("killed", "1,366", 1366, 1366, 1366, "civilians"), ("injured", "2,446", 2446, 2446, 2446, "civilians")],
    ),
    (
        "An airstrike killed at least 40 civilians, including 8 children, and injured dozens more.",
        [("killed", "at least 40", 40, N, N, "civilians"), ("injured", "dozens", 24, 99, N, "people")],
    ),
    # asides and descriptions between the victims and their verb: the verb still reaches the figure,
    # and figures inside the aside are parts of it, not claims of their own
    (
        "At least 15 people, among them a child and four women, one of them pregnant, "
        "were killed in a strike on the Haddad home.",
        [("killed", "At least 15", 15, N, N, "civilians")],
    ),
    (
        "Eight people, including three children, all from the Nasser family, were killed on Monday.",
        [("killed", "Eight", 8, 8, 8, "civilians")],
    ),
    (
        "Six members of the Tal family, four children and two women, were killed when the house fell.",
        [("killed", "Six", 6, 6, 6, "civilians")],
    ),
    (
        "Seventeen civilians across three generations of one family were killed when a bomb hit the house.",
        [("killed", "Seventeen", 17, 17, 17, "civilians")],
    ),
    (
        "Eleven villagers belonging to two clans, including six children, were wounded in the shelling.",
        [("injured", "Eleven", 11, 11, 11, "civilians")],
    ),
    (
        "Five children, aged between 6 and 14, and one adult man, a street vendor, were killed.",
        [("killed", "Five", 5, 5, 5, "civilians"), ("killed", "one", 1, 1, 1, "people")],
    ),
    (
        "Between six and ten civilians including four children and one woman were killed, and dozens were injured.",
        [("killed", "Between six and ten", 6, 10, N, "civilians"), ("injured", "dozens", 24, 99, N, "people")],
    ),
    (
        "The shelling killed twelve Tamimi family members, including two women and four children, "
        "and a number of civilians were injured.",
        [("killed", "twelve", 12, 12, 12, "civilians"), ("injured", "a number", 2, N, N, "civilians")],
    ),
    (
        "Twelve soldiers, 26 insurgents killed in clashes",
        [("killed", "Twelve", 12, 12, 12, "combatants"), ("killed", "26", 26, 26, 26, "combatants")],
    ),
    # a plural with no figure is at least two, with no upper bound
    (
        "A number of civilians were killed and injured in the strike.",
        [("casualties", "A number", 2, N, N, "civilians")],
    ),
    (
        "Multiple people were reported killed and wounded in the shelling.",
        [("casualties", "Multiple", 2, N, N, "people")],
    ),
    (
        "Two people were killed and a number of others were injured.",
        [("killed", "Two", 2, 2, 2, "people"), ("injured", "a number", 2, N, N, "people")],
    ),
    ("A number of houses were destroyed.", []),
    # a year before the verb is the year of another attack, not a toll of 2,019
    (
        "A similar attack in 2019 killed 30 people in the town.",
        [("killed", "30", 30, 30, 30, "people")],
    ),
    ("The floods resulted in 2000 deaths.", [("killed", "2000", 2000, 2000, 2000, "people")]),  # a guard
    # how they were killed closes the victims: "hacked … to death", "burned … alive"
    ("Rebels hacked seven farmers to death near the town on Wednesday.", [("killed", "seven", 7, 7, 7, "civilians")]),
    ("Militants burned four guerrillas alive.", [("killed", "four", 4, 4, 4, "combatants")]),
    # a headline's present tense, and one victim with no figure
    ("Troops burn three prisoners alive in a village raid.", [("killed", "three", 3, 3, 3, "people")]),
    ("A mob burns a shopkeeper alive in the market.", [("killed", "a shopkeeper", 1, 1, 1, "civilians")]),
    ("Attackers hack farmer to death near his field", [("killed", "farmer", 1, 1, 1, "civilians")]),
    ("Soldiers burn the houses of four villagers.", []),  # a guard: houses burned, no one
    ("Four miners were found alive after the blast.", []),  # a guard: alive is no manner of killing
    ("Soldiers beat 12 protesters, leaving them bleeding.", []),  # a guard: beaten, not killed
    # a phrase describing the victims before a headline's participle, an amount of money in it
    (
        "Rebel carrying a bounty of Rs 2 lakh killed in clash with troops",
        [("killed", "Rebel", 1, 1, 1, "combatants")],
    ),
    ("A trader carrying Rs 50000 killed by robbers", [("killed", "A trader", 1, 1, 1, "civilians")]),
    ("Militant wanted in nine cases killed in gunfight", [("killed", "Militant", 1, 1, 1, "combatants")]),
    (
        "Four guards escorting the convoy of the governor killed in ambush",
        [("killed", "Four", 4, 4, 4, "combatants")],
    ),
    # a headline names one person: by name alone, or by a noun and a name or nickname after it
    ("Ana Lucia Torres, killed in Tamlo", [("killed", "Ana Lucia Torres", 1, 1, 1, "people")]),
    ("Omar Faruk Haidari wounded by gunmen near his home", [("injured", "Omar Faruk Haidari", 1, 1, 1, "people")]),
    ("Militant commander 'Tiger' killed in army operation", [("killed", "commander", 1, 1, 1, "combatants")]),
    ("Former mayor Ana Lucia Torres killed in ambush near Tamlo", [("killed", "mayor", 1, 1, 1, "people")]),
    ("Omar Faruk Haidari killed two guards in the raid", [("killed", "two", 2, 2, 2, "combatants")]),  # a guard
    ("Boko Haram killed in Borno", []),  # a guard: a party, not a person
    # burned people are injured; burned houses are no one
    ("Four crewmen were badly burned in the fire.", [("injured", "Four", 4, 4, 4, "people")]),
    ("Twelve houses were burned.", []),
    # a ship's crew: each group shares the verb after the last
    (
        "Two Filipino sailors and a Vietnamese crew member were killed when the ship was hit.",
        [("killed", "Two", 2, 2, 2, "people"), ("killed", "member", 1, 1, 1, "people")],
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), HARM, ids=[h[0][:50] for h in HARM])
def test_figures_tied_to_harm(sentence: str, expected: list[tuple]) -> None:
    assert casualties(sentence) == expected


# --- a figure spread across several attacks: this report's attack had its share -----------------
ACROSS = [
    # (text, figure text, best, high): best = the total split evenly (rounded down); the high is the
    # total when the report tells of every attack, none when it is one of N records of them
    (
        "This was one of four related raids in the district. Twelve guards were killed across the raids.",
        "Twelve",
        3,
        None,
    ),
    ("Gunmen struck two villages. Nine farmers were killed across both attacks.", "Nine", 4, 9),
    (
        "This was one of six coordinated attacks. At least 30 people died across the three assaults on the town.",
        "At least 30",
        10,
        None,
    ),
    ("Gunmen struck a market. Nine traders were killed in the attack.", "Nine", 9, 9),  # one attack: as stated
    # "in the clashes", "between two of the attacks": spread over the attacks the report covers
    ("This was one of two raids on the town that day. Twelve guards were killed in the raids.", "Twelve", 6, None),
    (
        "This was one of six attacks in the province. Forty people were killed between two of the attacks.",
        "Forty",
        20,
        None,
    ),
    ("Gunmen raided two farms. Forty people were killed between the two raids.", "Forty", 20, 40),
    # more strikes than dead: a wave's toll, not a share of each strike
    ("Five fighters were killed in 73 strikes on three cities overnight.", "Five", 5, 5),
    # only the first place phrase counts: the bombing of one home, then three raids elsewhere
    (
        "Dozens of people were killed in the bombing of the family home, one of three raids on the camp.",
        "Dozens",
        N,
        99,
    ),
]


@pytest.mark.parametrize(("text", "figure", "best", "high"), ACROSS, ids=[a[0][:50] for a in ACROSS])
def test_a_figure_across_several_attacks_is_split(text: str, figure: str, best: int, high: int | None) -> None:
    [claim] = [c for c in claims_of(text) if c.kind == "casualty"]
    assert (claim.count.text, claim.count.best, claim.count.high) == (figure, best, high)


# --- numbers that are not casualty figures ----------------------------------------------------
NO_CLAIM = [
    "US Secretary of Defense Ashton Carter gathered 30 of his counterparts.",
    # a subheading in capitals names no one
    "AN ARMED GROUP THAT KILLS ITS WAY THROUGH THE EAST",
    # a correction retracts what an earlier version said
    "Correction: An earlier version of this story said 30 were killed; the figure is 13.",
    "An earlier version of this article incorrectly said 30 people were killed in the strike.",
    "Canada will send 40 to 60 of its army’s medical personnel to Mosul.",
    "Together, they promised over two billion dollars of humanitarian aid to Iraq.",
    # compensation for each victim names no one's death
    "The province announced compensation of Rs1 million for the family of each person killed.",
    "The coalition was formed two years ago.",
    "As thousands of Kurdish fighters held back the assault, tanks stood still.",
    "In 2016, the Coalition conducted 7,000 strikes in Iraq and Syria.",
    "Iraqi officials: 2 suicide attacks hit a checkpoint.",
    "Since the beginning of the civil war in Syria in 2011, many were killed.",
    "Taliban killed in airstrike",  # no figure: nothing to record
    "The fourth meeting of the coalition started on Wednesday.",
    "In a worst-case scenario, the virus could cause up to 2,000 deaths.",
    "The case was found in 2 dead young owls in a zoo.",
    "Shandong has reported 3,280 cases to deal with.",
    "Indonesia reports it is no longer counting bodies.",
    "A governing body of 12 members was found to have met.",
    "SNHR gave a figure of 9, adding that 3 of the dead were children.",  # a part of a total
    # captives set free: their abduction was another event's harm
    "Police said officers had rescued 12 kidnapped victims during a follow-up operation.",
    "Troops freed 30 abducted schoolgirls on Sunday.",
    "Thirty abducted passengers were freed unharmed on Sunday.",
    "Two of the people wounded were children.",  # a part of the wounded, no harm of its own
    # buried under the rubble is trapped, not dead and buried
    "Twelve people were buried under the rubble and pulled out alive.",
    "The blast buried 12 people under the debris.",
]


@pytest.mark.parametrize("sentence", NO_CLAIM)
def test_no_claim(sentence: str) -> None:
    assert casualties(sentence) == []


# --- who gave the figure --------------------------------------------------------------------
SOURCES = [
    ("The civilian death toll is now over 125, according to most sources.", ("most sources", "reported", "aggregate")),
    ("Al-Jazeera reported as many as 200 casualties.", ("Al-Jazeera", "reported", "media")),
    (
        "According to the Syrian Observatory for Human Rights, 23 civilians were killed.",
        ("Syrian Observatory for Human Rights", "reported", "ngo"),
    ),
    ("Iraqi security officials said two policemen were killed.", ("Iraqi security officials", "reported", "official")),
    ("Russian warplanes killed 18 people in Kafr Nabl, activists said.", ("activists", "reported", "unnamed")),
    ("The death toll rose to 52, the health ministry said.", ("health ministry", "reported", "official")),
    ("15 Afghan Taliban killed in 24 hours: MoI", ("MoI", "reported", "official")),
    (
        "The Syrian Network for Human Rights documented the death of 4 civilians.",
        ("Syrian Network for Human Rights", "confirmed", "ngo"),
    ),
    (
        "Amnesty International (AI) was there. AI found it hard. They were able to confirm 60 civilian casualties.",
        ("Amnesty International", "confirmed", "ngo"),
    ),
    ("Seven people were killed in the strike.", None),
    (
        "The Houthi-run health ministry gave a higher figure of 31 dead.",
        ("Houthi-run health ministry", "reported", "belligerent"),
    ),
    (
        "According to information gathered by the Office of the UN High Commissioner for Human Rights, "
        "10 civilians were killed.",
        ("Office of the UN High Commissioner for Human Rights", "reported", "ngo"),
    ),
    (
        "The Syrian Network for Human Rights (SNHR) ultimately documented 13 civilian deaths.",
        ("Syrian Network for Human Rights", "confirmed", "ngo"),
    ),
    ("Other local monitors reported a toll of 12.", ("Other local monitors", "reported", "unnamed")),
    # "it"/"they" is the organisation named last, its whole name ("of the", "for the" inside it)
    (
        "The toll rose to 9, the International Committee of the Red Cross said. Eleven were hurt, it said.",
        ("International Committee of the Red Cross", "reported", None),
    ),
    (
        "The Ministry of Health said 12 people died. They said 40 were wounded.",
        ("Ministry of Health", "reported", None),
    ),
    (
        "Iraqi Security Forces said 23 ISIS fighters were killed.",
        ("Iraqi Security Forces", "reported", "belligerent"),
    ),  # a party to the fighting
    ("12 civilians were reported killed.", None),
    (
        "Witnesses and hospital staff told Human Rights Watch that 23 civilians died.",
        ("Witnesses and hospital staff", "reported", "unnamed"),
    ),
    # a time between the source and its verb is not the source, and a denial gives no figure:
    # the deaths in the raid it denies are the writer's
    (
        "The defence ministry on Tuesday denied that its jets had carried out Monday's raid on a clinic, "
        "in which 155 people were killed.",
        None,
    ),
    ("Police late on Sunday said 4 people died in the blast.", ("Police", "reported", "official")),
    # an aside between the source and its verb
    (
        "The White Helmets, a rescue group working in opposition areas, said 27 people had been killed.",
        ("White Helmets", "reported", "ngo"),
    ),
    (
        "The provincial governor, Ali Hassan, said 12 people were killed.",
        ("provincial governor", "reported", "official"),
    ),
    (
        "The Sudan Doctors Network, known as the SDN, put the death toll at 31.",
        ("Sudan Doctors Network", "reported", None),
    ),
    ("A local activist network said over 30 had died.", ("local activist network", "reported", "unnamed")),
    ("The Kafr Nabl Media Network said over 30 had died.", ("Kafr Nabl Media Network", "reported", None)),
    # a day after the verb is when it was said, not who said it; a possessive belongs to the name
    (
        "Shelling hit the camp, killing at least 40 people, a doctors' group said Monday.",
        ("doctors' group", "reported", "unnamed"),
    ),
    ("Some reports put the toll as high as 100.", ("Some reports", "reported", "aggregate")),
    # a source inside a relative clause speaks there, not for the figure before it
    ("Air strikes killed at least 12 civilians in west Mosul where residents said they could not flee.", None),
    # a pronoun takes the source the sentences before named, when no organisation is named there
    (
        "A commander was killed in Kunduz on Sunday, local officials said. Three guards were wounded, they added.",
        ("local officials", "reported", "official"),
    ),
    (
        "The governor, Aziz Khan, said a bomb hit the bus. He added that nine people were killed.",
        ("governor", "reported", "official"),
    ),
    # an official by post, named after, and one who spoke through a statement
    (
        "The administrator of Lubero territory, Colonel Alain Kiwewa, said 22 civilians were killed.",
        ("administrator", "reported", "official"),
    ),
    (
        "Governor Dauda Lawal, in a statement issued by his spokesman, put the death toll at 17.",
        ("Governor Dauda Lawal", "reported", "official"),
    ),
    # ... and first a party that denied something in the sentence right before
    (
        "A jet bombed a school, killing 22 people, the NUG said. The military government denied targeting "
        "civilians. In a statement, it said the air force had killed 30 members of the PDF.",
        ("military government", "reported", "official"),
    ),
    # ... and first a source the same sentence named before it
    (
        "Most outlets gave 15. Radio Dijla reported that rescuers were digging when they reported 12 killed.",
        ("Radio Dijla", "reported", None),
    ),
    # where the speaker serves, then his name, between him and his verb
    (
        "The police spokesperson in the state, Mohammed Sani, confirmed the raid but said only 12 people died.",
        ("police spokesperson", "confirmed", "official"),
    ),
    ("The governor of the province, Ali Hassan, said 12 people were killed.", ("governor", "reported", "official")),
    # ... and where he serves right before his verb: the official speaks, not the place
    ("The governor of the province said 12 people were killed.", ("governor", "reported", "official")),
    ("An official in Kandahar said 12 people were killed.", ("official", "reported", "official")),
    ("The army spokesman in the region put the toll at 12.", ("army spokesman", "reported", "official")),
    # (a guard: a spokesman for a body speaks for it)
    ("A spokesman for the army said 12 people were killed.", ("army", "reported", "official")),
    # a party that claims the attack is not the source of the toll the sentence gives it ...
    (
        "Islamic State claimed responsibility for a suicide bombing at a rally that killed 63 people, officials said.",
        ("officials", "reported", "official"),
    ),
    ("Al-Shabaab claimed the attack, which killed 12 people, police said.", ("police", "reported", "official")),
    ("Islamic State claims rally bombing that killed 63", None),
    # ... only of one it states itself
    ("The Taliban claimed responsibility, saying they had killed 12 soldiers.", ("Taliban", "claimed", "belligerent")),
    # another source's figure for the toll the sentence named ("put the figure at")
    (
        "The toll reached 33, police said, while the provincial health directorate put the figure at 35.",
        ("provincial health directorate", "reported", "official"),
    ),
    # an official named with the post before the name, and a state's service, are officials
    (
        "The toll has risen to five, Governor Ivan Hrytsenko reported on Saturday.",
        ("Governor Ivan Hrytsenko", "reported", "official"),
    ),
    ("Six people were killed, the State Emergency Service said.", ("State Emergency Service", "reported", "official")),
    ("Six people were killed, the Unian news service said.", ("Unian news service", "reported", "media")),
    # "he" after "said" is the speaker, not the last name before it (it was the town just named)
    (
        "Survivors of Saturday's attack on Dalanga told Radio Salam that gunmen opened fire. One survivor, a "
        "34-year-old farmer, said he counted more than 150 bodies.",
        None,
    ),
    ("The governor said that he counted nine bodies.", ("governor", "reported", "official")),
    # a party saying it killed them tells of its own attack: a claim, not a report
    ("The RSF said it had killed more than 100 soldiers.", ("RSF", "claimed", "belligerent")),
    # what "was found" or "was documented" is the thing found, not who found it (it was the town)
    (
        "The bodies of two farmers who vanished from a camp outside Lodwar were found in a ditch, police said.",
        ("police", "reported", "official"),
    ),
    ("The bodies of two farmers who vanished from a camp outside Lodwar were found in a ditch.", None),
    # a peacekeeping or monitoring mission speaks as the body it is
    (
        "A bus hit a mine near the border, killing one passenger, the UN mission said.",
        ("UN mission", "reported", "ngo"),
    ),
    # an armed party named by its kind speaks for itself
    ("The rebels said three of their fighters also died in the clash.", ("rebels", "reported", "belligerent")),
    (
        "Two soldiers were killed when militants stormed the post, officials said.",
        ("officials", "reported", "official"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), SOURCES, ids=[s[0][:50] for s in SOURCES])
def test_source(text: str, expected: tuple | None) -> None:
    claim = [c for c in claims_of(text) if c.kind == "casualty"][-1]
    got = (claim.source.name, claim.source.stance, claim.source.kind) if claim.source else None
    assert got == expected


# --- one incident or a running total -----------------------------------------------------------
SCOPES = [
    ("A strike killed at least 56 civilians on Tuesday.", "incident", None),
    # a day's count over a whole land, or over many attacks told as one, is no single event
    ("At least 22 people were killed in attacks across Iraq on Tuesday.", "cumulative", "across Iraq"),
    ("Violence across Syria killed 150 people on Wednesday, activists said.", "cumulative", "across Syria"),
    ("At least 30 people died in a wave of bombings in Baghdad.", "cumulative", "wave of bombings in Baghdad"),
    ("Rockets fired across the border killed 3 soldiers.", "incident", None),
    # a nation's dead of a day, no place or single event named: a monitor's toll over the country
    ("More than 120 Syrians were killed yesterday, Monday, activists said.", "cumulative", "nationwide"),
    ("At least 55 Afghans were killed in a suicide attack on Sunday.", "incident", None),
    ("Shelling killed 60 Syrians in Douma on Monday.", "incident", None),
    ("In Douma, more than 60 Syrians were killed on Monday.", "incident", None),
    (
        "At least 45 people were killed in attacks across the Gaza Strip on Saturday.",
        "cumulative",
        "across the Gaza Strip",
    ),
    (
        "At least 39 people died in the state between Monday and Wednesday, rescuers said.",
        "cumulative",
        "between Monday and Wednesday",
    ),
    ("Raids killed 12 in a wave of air strikes on the city.", "cumulative", "wave of air strikes on the city"),
    ("The civilian death toll of the airstrikes in the region is now over 125.", "cumulative", None),
    ("They confirmed 60 civilian casualties in the last couple of days.", "cumulative", "in the last couple of days"),
    # a count over several places, or over a period told before
    (
        "Missiles struck three Ukrainian cities overnight, killing at least 11 civilians.",
        "cumulative",
        "three Ukrainian cities",
    ),
    ("A census recorded 7,400 deaths in the same period.", "cumulative", "in the same period"),
    # the weeks before the report, told beside its event, are no event of their own
    (
        "Feuding between two clans has killed dozens of people in recent months, an official said.",
        "cumulative",
        "in recent months",
    ),
    ("It was the deadliest raid in recent weeks, killing 9 people.", "incident", None),
    # a total over many events ("massacres", "strikes") is a running total; a few attacks share it
    (
        "The monitor said 612 civilians were killed in at least 25 'massacres' across the region.",
        "cumulative",
        "in at least 25 'massacres'",
    ),
    (
        "Dozens of people were killed in scores of air strikes on the province.",
        "cumulative",
        "in scores of air strikes",
    ),
    # a campaign that did the killing, and a year's count after an active verb
    (
        "The last full-scale war between the two, in 2006, killed about 1,200 people in Lebanon.",
        "cumulative",
        "The last full-scale war",
    ),
    ("The group killed more than 1,800 civilians in 2023 alone.", "cumulative", "in 2023"),
    # an age is no year's toll
    ("The death toll from the bombing rose to four after a 16-year-old girl died.", "incident", None),
    # the source's statement is daily, not the figure
    ("The ministry said in its daily statement that 14 people were killed in the strike.", "incident", None),
    ("The ministry said 300 people are killed daily.", "cumulative", "daily"),
    # … nor is a paper named after its days
    ("A vigilante leader told Daily Trust that two guards were shot dead during the raid.", "incident", None),
    ("Five people were killed in the attack, the Daily Post reported.", "incident", None),
    (
        "Since the start of the offensive, more than 1,200 civilians have been killed.",
        "cumulative",
        "Since the start of the offensive",
    ),
    ("So far this year, 300 people were killed in the province.", "cumulative", "So far this year"),
    ("Tijuana: 18 Dead Since Sunday", "cumulative", "Since Sunday"),
    ("Four civilians were killed on 12 May 2017 in al-Bab.", "incident", None),
    (
        "Between 1 January and 30 June 2019, UNAMA documented 1,366 civilian deaths.",
        "cumulative",
        "Between 1 January and 30 June 2019",
    ),
    (
        "From January to March 2017, OHCHR recorded 1,028 civilian deaths in Mosul.",
        "cumulative",
        "From January to March 2017",
    ),
    ("Seasonal flu kills 12,000 Britons annually.", "cumulative", "annually"),
    # a count over a whole year, or over the first weeks of a period, is a running total
    ("A rights office said over 900 civilians were killed in Chad in 2022.", "cumulative", "in 2022"),
    (
        "Aid workers said 140 people died in the province in the first month after the curfew began.",
        "cumulative",
        "the first month",
    ),
    ("Militant attacks in the province killed 71 people in March alone, a think tank said.", "cumulative", "in March"),
    # figures joined by "and" share a period said after the last of them
    ("At least 192 people have been killed and 1,230 injured since 10 May, the UN said.", "cumulative", "since 10 May"),
    ("A bomb killed 4 people on Monday, and 300 have died since January.", "incident", None),  # a guard
    ("A bomb killed 6 people in Kabul in May, police said.", "incident", None),  # a guard: a month dates one event
    # … but a sentence opening on its year may tell one past event, and a named event keeps it one (guards)
    ("In 2014, gunmen stormed a school in the city, killing 40 pupils.", "incident", None),
    ("Officials said 30 people died in a 2019 bombing in the city in 2019.", "incident", None),
    # those displaced now, in their thousands, were displaced by many events
    ("Nearly 900,000 people are internally displaced in the region, the UN said.", "cumulative", None),
    ("The fighting has displaced 40,000 people, aid groups say.", "cumulative", None),
    ("Clashes in the town displaced 3,000 people on Monday.", "incident", None),  # a guard
    # a toll in the thousands in any perfect tense, with no event named, runs over many events
    (
        "The insurgency will have killed 12,000 people by next spring, analysts estimate.",
        "cumulative",
        "The insurgency",
    ),
    ("By then fighting had left 2,300 people dead and the militia had killed 1,100.", "cumulative", None),
    # a day's count, or a count over a country or many places, is of many events
    ("Eleven rebels killed in 24 hours, ministry says", "cumulative", "in 24 hours"),
    ("Shelling killed seven civilians in a day in the east.", "cumulative", "in a day in the east"),
    ("At least 31 people died in separate attacks on Sunday.", "cumulative", "in separate attacks on Sunday"),
    (
        "Some 44 people were killed in violence across the country on Friday.",
        "cumulative",
        "across the country on Friday",
    ),
    ("Death toll rises to 40 in Baghdad bombings", "incident", None),
    ("Sometime between 3 and 9 March 2020, gunmen killed two herders near the river.", "incident", None),
    # a province that only places one strike does not make its toll a running one
    ("The death toll from the strike on a clinic in Kafr Nabl, in Idlib province, rose to 11.", "incident", None),
    ("The death toll in the province has risen to 190, officials said.", "cumulative", None),
    (
        "Amnesty estimates that more than 1,600 civilians died during the four-month offensive.",
        "cumulative",
        "during the four-month offensive",
    ),
    ("Three people were killed in the attack on the market.", "incident", None),
    # the war only qualifies the killer: one blast's dead, not the war's
    ("A landmine left over from the war killed four shepherds near the town on Friday.", "incident", None),
    ("UNAMI recorded a total of at least 1,119 Iraqis killed in June 2016.", "cumulative", "in June 2016"),
    (
        "In the first nine months of 2018, UNAMA documented 1,065 civilian casualties.",
        "cumulative",
        "first nine months",
    ),
    (
        "More than 1,200 civilians were killed during the four-month battle for the city.",
        "cumulative",
        "during the four-month battle",
    ),
    ("Four civilians were killed in the battle.", "incident", None),
    # a later figure of one event is that event's toll, not a running one
    (
        "The death toll from Saturday's attack on a hotel in the capital has risen to 72, a spokesman said.",
        "incident",
        None,
    ),
    # a toll in the thousands told in the present perfect, with no one event named, is a running one
    ("Around 40,000 people have been wounded in the territory, the ministry says.", "cumulative", None),
    ("More than 10,000 people have been killed in Yemen.", "cumulative", None),
    ("Nearly 3,000 people have been killed in the attacks on the two towers.", "incident", None),
    ("At least 1,200 people have died in the earthquake.", "incident", None),
    # a period after a superlative compares the event with others; it is no running total
    ("A car bomb killed 40 people in the capital, the deadliest attack there since 2019.", "incident", None),
    ("Shelling killed 23 civilians, in one of the worst days for the city this month.", "incident", None),
    ("At least 40 people have been killed in the capital since January.", "cumulative", "since January"),
    # the fighting for a city is a battle of days; the toll an earlier count is compared with is its toll
    (
        "At least 2,900 people were killed in the fighting for Goma, the mission said.",
        "cumulative",
        "in the fighting",
    ),
    ("Three soldiers were killed in the fighting for the hill.", "incident", None),
    ("Nearly 3,000 killed in M23 offensive", "cumulative", "in M23 offensive"),
    ("Two killed in army raid on village", "incident", None),
    # a toll a source did not give is no running total
    ("Officials said the strike killed a senior commander, but gave no overall toll.", "incident", None),
    # "since" with a clause of the present, a modal or a negation gives a reason, not a period
    ("There were no casualties in the raid since the family was away.", "incident", None),
    ("Nobody was hurt in the blast since no one was inside.", "incident", None),
    ("The toll may rise, since officials do not count the missing: 34 died.", "incident", None),
    (
        "At least 40 civilians have been killed since the ceasefire collapsed.",
        "cumulative",
        "since the ceasefire collapsed",
    ),
    (
        "Some 300 people have died since the virus was found in March.",
        "cumulative",
        "since the virus was found in March",
    ),
    # a toll over days of fighting is a running one
    (
        "At least 80 people have been killed in five days of fighting in the region.",
        "cumulative",
        "in five days of fighting",
    ),
    ("At least 80 people were killed over three days of clashes.", "cumulative", "over three days of clashes"),
    # … and so is one over days of it, however many
    (
        "The attack followed days of clashes in the county in which dozens have died.",
        "cumulative",
        "followed days of clashes",
    ),
    ("At least 30 people were killed in days of clashes.", "cumulative", "in days of clashes"),
    # a length of time after the verb takes no figure from the sentence
    ("At least 80 people were killed over three days.", "incident", None),
]


@pytest.mark.parametrize(("sentence", "scope", "period"), SCOPES, ids=[s[0][:50] for s in SCOPES])
def test_scope(sentence: str, scope: str, period: str | None) -> None:
    claim = claims_of(sentence)[0]
    assert (claim.scope, claim.period) == (scope, period)


@pytest.mark.parametrize(
    ("follow", "scope"),
    [
        ("It documented 1,659 civilians killed and 3,254 injured.", "cumulative"),
        ("The report recorded 1,659 civilians killed.", "cumulative"),
        # a sentence of its own event does not continue the count
        ("On Monday, a bomb killed 12 people in the city.", "incident"),
    ],
)
def test_a_count_that_continues_the_sentence_before_takes_its_period(follow: str, scope: str) -> None:
    text = f"More civilians were killed in the first six months of the year than ever, the UN mission said. {follow}"
    claim = [c for c in claims_of(text) if c.kind == "casualty"][0]
    assert claim.scope == scope


# --- victims' sub-groups, event type, perpetrator ------------------------------------------------
DETAILS = [
    (
        "A Coalition airstrike killed 12 civilians, including five children and three women.",
        ("children", "women"),
        "airstrike",
        "coalition (unnamed)",
    ),
    ("Al-Jazeera reported as many as 200 casualties, including many children.", ("children",), None, None),
    ("ISIL executed at least 40 civilians in the city.", (), "execution", "Islamic State"),
    # parties of the Sahel, Mozambique, Ethiopia and Haiti; a gang coalition named is no bare coalition
    ("Fano militiamen killed four police officers near Gondar.", ("state forces",), None, "Fano"),
    ("ISCAP fighters beheaded 11 villagers in Cabo Delgado.", (), "execution", "Islamic State Central Africa Province"),
    ("Members of the Viv Ansanm gang coalition killed 15 people.", (), None, "Viv Ansanm"),
    # an armed party's members are a side of the battle, a state's soldiers the other
    ("Troops killed 12 members of Boko Haram.", ("armed groups",), None, None),
    ("A soldier was killed in the clash.", ("state forces",), "clashes", None),
    # the kind of an event the text only refers to is not its own event's
    ("A commander linked to the market bombing was killed in the operation.", (), None, None),
    ("A commander linked to the market bombing was killed in the airstrike.", (), "airstrike", None),
    ("Gunmen killed 12 villagers in Okokolo, days after the Yelwata massacre.", (), "shooting", None),
    # a helicopter that strikes is an air strike; one that is struck is not
    ("Regime helicopters attacked the village, killing 12 people.", (), "airstrike", None),
    ("A helicopter attack on the market killed 5 people.", (), "airstrike", None),
    ("UN helicopter attacked in the north, crew member killed", (), None, None),
    ("A helicopter evacuating the wounded came under fire, killing one crew member.", (), None, None),
    # a party's civil side speaking is not the attacker
    ("A bomb killed six people, a spokesman for the Taliban administration's police said.", (), "bombing", None),
    ("Air strikes killed 74 people at the port, according to the Houthi health ministry.", (), "airstrike", None),
    ("Regime forces shelled Douma, killing three people.", (), "shelling", "Syrian government"),
    ("A roadside bomb killed two policemen near the ISIS-held town.", ("state forces",), "landmine/IED", None),
    ("Daesh fighters killed 9 journalists and 2 doctors.", ("journalists",), None, "Islamic State"),
    # the one doing the killing is the perpetrator; a named coalition is not another coalition
    ("Iraqi forces killed 20 Islamic State militants near Tal Afar.", ("armed groups",), None, "Iraqi forces"),
    ("Saudi-led coalition jets killed 8 civilians at a market.", (), "airstrike", "Saudi-led coalition"),
    # actors of other wars, by the names the news gives them
    ("A Russian missile killed seven people in the city centre.", (), "shelling", "Russia"),
    (
        "Shelling by the paramilitary Rapid Support Forces killed 40 people in the camp.",
        (),
        "shelling",
        "Rapid Support Forces",
    ),
    # a drone or a fighter jet strikes from the air, whatever it is called
    ("Houthi drones killed 3 fishermen off the coast.", (), "airstrike", "Houthis"),
    # an affiliate named in full is itself, not the network it belongs to
    ("Al-Qaida in the Islamic Maghreb (AQIM) fighters killed 5 soldiers.", ("state forces",), None, "AQIM"),
    ("A drone struck a car near the market, killing three people.", (), "airstrike", None),
    ("A fighter jet bombed the school, killing 11 pupils.", (), "airstrike", None),
    ("A suicide drone hit a bus, killing two passengers.", (), "airstrike", None),
    # a guided or glide bomb is dropped from the air
    ("A Russian guided bomb hit a market in the city, killing 19 people.", (), "airstrike", "Russia"),
    ("Suspected ADF rebels hacked 14 villagers to death overnight.", (), None, "Allied Democratic Forces"),
    # a state's armed forces are the state; an air operation is an air strike
    ("The Russian Armed Forces killed six fighters in an air operation near the village.", (), "airstrike", "Russia"),
    # an aircraft that struck is an air strike, whatever the victims had done before
    (
        "An aircraft struck a cell near the village, killing three gunmen who had opened fire on troops.",
        ("attackers",),
        "airstrike",
        None,
    ),
    # what a strike targeted is not who carried it out, "suspected" or not
    ("A US airstrike targeted suspected militant positions, killing 12 fighters.", (), "airstrike", "United States"),
    ("U.S. Africa Command said its strike killed 7 fighters.", (), "airstrike", "United States"),
    # settlers are no army: monitors count their raids apart from the state's
    ("Israeli settlers beat two farmers in the olive grove, injuring both.", (), None, "Israeli settlers"),
]


@pytest.mark.parametrize(("sentence", "groups", "event", "perpetrator"), DETAILS, ids=[d[0][:50] for d in DETAILS])
def test_groups_event_perpetrator(sentence: str, groups: tuple, event: str | None, perpetrator: str | None) -> None:
    claim = claims_of(sentence)[0]
    assert (claim.victim_groups, claim.event_type, claim.perpetrator) == (groups, event, perpetrator)


# A bare "coalition" is the one the report names in full, else the one fighting where the report
# is set; when neither settles it, it stays unnamed rather than guessed.
BARE_COALITIONS = [
    (
        "The Saudi-led coalition has not commented. A coalition air raid killed 7 people at a wedding.",
        "Saudi-led coalition",
    ),
    ("Medics in Hodeidah said a coalition air raid killed 7 people at a wedding.", "Saudi-led coalition"),
    ("Residents of Raqqa said a coalition air raid killed 7 people at a bakery.", "International Anti-ISIS Coalition"),
    ("A coalition air raid killed 7 people at a bakery.", "coalition (unnamed)"),
    (
        "The Saudi-led coalition and the US-led coalition both fly here. Coalition warplanes killed 7 people.",
        "coalition (unnamed)",
    ),
]


@pytest.mark.parametrize(("text", "perpetrator"), BARE_COALITIONS, ids=[b[0][:50] for b in BARE_COALITIONS])
def test_a_bare_coalition_is_the_one_the_report_settles(text: str, perpetrator: str) -> None:
    killed = [c for c in claims_of(text) if c.outcome == "killed"]
    assert [c.perpetrator for c in killed] == [perpetrator]


# --- hedging, negation, belligerent statements ----------------------------------------------------
FLAGS = [
    ("An airstrike reportedly killed 12 civilians.", True, False),
    ("An airstrike killed 12 civilians.", False, False),
    ("No civilians were killed in the raid.", False, True),
    ("The army denied killing 30 civilians.", False, True),
    ("Up to 40 civilians may have died in the strike.", True, False),
    ("On 5 May an airstrike killed 12 civilians.", False, False),  # May the month hedges nothing
    # a hedge on the weapon or the attacker doubts what or who, not the deaths
    ("A suspected nerve-gas attack on the town killed at least 40 people.", False, False),
    ("An alleged drone strike on the farm killed 3 shepherds.", False, False),
    ("Unconfirmed reports said 9 villagers were killed.", True, False),
]


@pytest.mark.parametrize(("sentence", "hedged", "negated"), FLAGS, ids=[f[0] for f in FLAGS])
def test_hedged_and_negated(sentence: str, hedged: bool, negated: bool) -> None:
    claim = [c for c in claims_of(sentence) if c.kind == "casualty"][0]
    assert (claim.hedged, claim.negated) == (hedged, negated)


STATEMENTS = [
    (
        "The United-States officially announced the launching of an investigation on the last airstrike.",
        "United States",
        "investigating",
    ),
    ("The coalition denied that its aircraft had struck the area.", "coalition (unnamed)", "denied"),
    ("The Pentagon acknowledged that the strike killed 10 civilians.", "United States", "admitted"),
]


@pytest.mark.parametrize(("sentence", "party", "stance"), STATEMENTS, ids=[s[0][:50] for s in STATEMENTS])
def test_statement(sentence: str, party: str, stance: str) -> None:
    statements = [c for c in claims_of(sentence) if c.kind == "statement"]
    assert [(c.party, c.stance, c.count) for c in statements] == [(party, stance, None)]


def test_a_group_named_in_full_claims_the_attack() -> None:
    text = "A suicide bomber killed 23 soldiers at an army post. Tehreek-e-Jihad Pakistan claimed responsibility."
    [statement] = [c for c in claims_of(text) if c.kind == "statement"]
    assert (statement.party, statement.stance) == ("Tehreek-e-Jihad Pakistan", "claimed")


def test_no_statement_without_a_belligerent() -> None:
    text = "There must be a prompt, independent and transparent investigation."
    assert claims_of(text) == []


# --- children and women among a figure -------------------------------------------------------------
# (text, [(figure, children, women) of each casualty claim]): the parts the text counts are kept on
# the figure they belong to and never become a figure of their own to be added to it.
BREAKDOWNS = [
    ("A drone strike killed 9 people including four children.", [("9", 4, None)]),
    ("The raid left 14 dead, among them two women and six children.", [("14", 6, 2)]),
    ("Eleven civilians - among them a woman and three children - died when the house collapsed.", [("Eleven", 3, 1)]),
    ("At least 20 people, among them a child and five women, were killed in the market.", [("At least 20", 1, 5)]),
    ("Seven civilians were killed, four of them children.", [("Seven", 4, None)]),
    # the victims are the group itself: the whole figure is theirs
    ("Mortar fire killed three children near the school.", [("three", 3, None)]),
    ("Two women were wounded by shrapnel.", [("Two", None, 2)]),
    # one person and a group sharing the verb: each its own part, added as the deaths are
    ("A mother and her four children were killed when the shell struck.", [("A mother", None, 1), ("four", 4, None)]),
    ("The strike killed a woman and her two children.", [("a woman", None, 1), ("two", 2, None)]),
    # a later sentence counts a part of the earlier figure: no new figure
    ("Artillery fire killed 10 people in the village. Three children were among the dead.", [("10", 3, None)]),
    ("Gunmen killed 8 people at the checkpoint. Among those killed were two women.", [("8", None, 2)]),
    # groups listed with "and" share the list's "among"
    ("A drone strike killed 19 people. Among the dead were four children and two women.", [("19", 4, 2)]),
    ("A drone strike killed 19 people. Four children and two women were among the dead.", [("19", 4, 2)]),
    # … but a part of a harm no figure before counts is a figure of its own: at least two injured
    ("The bombing killed 6 people. Two children were among the injured.", [("6", None, None), ("Two", 2, None)]),
    ("The strike killed 5 people. The building was 40 years old and among the oldest.", [("5", None, None)]),
    # a part of the dead is not one more of the injured counted after them
    (
        "Seven people were killed, including a child, and 20 were injured, including four women.",
        [("Seven", 1, None), ("20", None, 4)],
    ),
    # no count of the group, both groups in one figure, or a part larger than the whole: nothing kept
    ("The strike killed 9 people, including children.", [("9", None, None)]),
    ("Shelling killed 12 women and children in the camp.", [("12", None, None)]),
    ("The strike killed 3 people. Five children were among the dead.", [("3", None, None)]),
]


@pytest.mark.parametrize(("text", "expected"), BREAKDOWNS, ids=[b[0][:50] for b in BREAKDOWNS])
def test_children_and_women_among_a_figure(text: str, expected: list[tuple]) -> None:
    found = [(c.count.text, c.children, c.women) for c in claims_of(text) if c.kind == "casualty" and c.count]
    assert found == expected


# --- the record itself ---------------------------------------------------------------------------
def test_claim_record_fields() -> None:
    text = "Intro line.\nA strike killed at least 56 civilians on Tuesday."
    claim = claims_of(text, genre="opinion")[0]
    assert claim.span.slice(text) == "at least 56"
    assert claim.sentence.slice(text) == "A strike killed at least 56 civilians on Tuesday."
    assert claim.quote == claim.sentence.slice(text)
    assert claim.genre == "opinion"
    assert claim.place is None and claim.date is None
    assert claim.id == Claim.make_id(claim.document_id, claim.span, "casualty", "killed")


def test_claims_in_text_order() -> None:
    text = "Three soldiers were killed. Later, 12 civilians died. Five people were wounded."
    assert [c.count.point for c in claims_of(text)] == [3, 12, 5]


def test_one_megabyte_line_finishes() -> None:
    filler = "the convoy moved on towards the border at night and " * 20_000  # ~1 MB, no full stop
    text = filler + "an airstrike killed 5 people"
    assert [c.count.point for c in claims_of(text)] == [5]


# --- the seed gold --------------------------------------------------------------------------------
SEED = [json.loads(line) for line in (SEED_GOLD / "claims.jsonl").read_text().splitlines() if line.strip()]
NEGATIVES = [json.loads(line) for line in (SEED_GOLD / "negatives.jsonl").read_text().splitlines() if line.strip()]


@pytest.fixture(scope="module")
def seed() -> tuple[str, list[Claim]]:
    text = SEED_TEXT.read_text(encoding="utf-8")
    return text, claims_of(text, genre="news")


def _overlapping(text: str, claims: list[Claim], quote: str) -> list[Claim]:
    start = text.index(quote)
    end = start + len(quote)
    return [c for c in claims if c.kind == "casualty" and c.span.start < end and start < c.span.end]


@pytest.mark.parametrize("gold", SEED, ids=[g["quote"][:40] for g in SEED])
def test_seed_gold_claim(seed: tuple[str, list[Claim]], gold: dict) -> None:
    text, claims = seed
    found = _overlapping(text, claims, gold["quote"])
    assert len(found) == 1
    c = found[0]
    assert c.outcome in gold["outcome"]
    assert (c.count.low, c.count.high, c.count.best, c.count.qualifier) == (
        gold["low"],
        gold["high"],
        gold["best"],
        gold["qualifier"],
    )
    assert c.victims == gold["victims"]
    if gold["scope"] is not None:
        assert c.scope == gold["scope"]
    assert (c.source.name if c.source else None) == gold["source"]


@pytest.mark.parametrize("gold", NEGATIVES, ids=[g["quote"][:40] for g in NEGATIVES])
def test_seed_negative(seed: tuple[str, list[Claim]], gold: dict) -> None:
    text, claims = seed
    start = text.index(gold["quote"])
    end = start + len(gold["quote"])
    assert [c for c in claims if c.span.start < end and start < c.span.end] == []


# --- figures the text adds to the ones before them (``joint``) ------------------------------------
JOINT = [
    ("In addition to the driver and his son, one of the gunmen was killed.", True),
    ("In addition to the bomber, two guards were killed.", True),
    ("Her husband was also killed.", True),
    ("Her husband was killed.", False),
    ("Eleven people were killed and two more died later in hospital.", True),
    # a toll's new total holds the "more" that raised it
    ("The toll from the shelling rose to eleven after two more bodies were found.", False),
    ("The number of dead climbed to 15 as three more victims died in hospital.", False),
    ("Shelling toll rises to 16 as two more bodies recovered", False),
]


@pytest.mark.parametrize(("text", "joint"), JOINT, ids=[j[0][:50] for j in JOINT])
def test_a_figure_that_adds_to_the_dead_before_it(text: str, joint: bool) -> None:
    last = [c for c in claims_of(text) if c.kind == "casualty"][-1]
    assert last.joint is joint


@pytest.mark.parametrize(
    "text",
    [
        "The bodies of three women and two children were pulled from the river on Saturday.",
        "Rescuers recovered the bodies of 3 women and 2 children from the rubble.",
        "The deaths of three teachers and two pupils were announced by the school.",
    ],
)
def test_groups_after_a_harm_noun_share_it(text: str) -> None:
    assert sum(c.count.best for c in claims_of(text) if c.kind == "casualty" and c.count) == 5


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        ("Gunmen executed the head of a village and two people close to him.", 3),
        ("Gunmen killed the wife of a soldier and her two children.", 3),
        ("Police killed the leader of the gang and 3 of his men.", 4),
    ],
)
def test_one_person_described_by_an_of_phrase_adds_to_the_figure_after_it(text: str, dead: int) -> None:
    found = [c for c in claims_of(text) if c.kind == "casualty"]
    assert [c.joint for c in found] == [False, True]
    assert sum(c.count.best for c in found if c.count) == dead


@pytest.mark.parametrize(
    ("text", "victims"),
    [
        ("Gunmen fired on the senator's car near the market. The senator was not harmed.", "people"),
        ("A bomb went off beside the convoy of Mayor Ruto. Ruto, the town's mayor, was unharmed.", "people"),
        ("Militants fired rockets at the base; civilians were not harmed, the army said.", "civilians"),
    ],
)
def test_a_target_that_came_to_no_harm_is_a_zero(text: str, victims: str) -> None:
    [claim] = [c for c in claims_of(text) if c.kind == "casualty"]
    assert (claim.outcome, claim.count.best if claim.count else None, claim.negated) == ("casualties", 0, True)
    assert claim.victims == victims


@pytest.mark.parametrize(
    "text",
    [
        # a hostage's release is not the attack: its day is another
        "Gunmen abducted a priest on the highway. The priest was released unharmed on June 1.",
        "The building was not damaged.",
    ],
)
def test_no_zero_from_a_release_or_from_things(text: str) -> None:
    assert [c.count.best for c in claims_of(text) if c.kind == "casualty" and c.count and c.negated] == []


@pytest.mark.parametrize(
    ("text", "outcome", "who"),
    [
        ("Gunmen abducted Omar Haidari, a local councillor, on the highway.", "detained", "Omar Haidari"),
        ("Assailants abducted journalist Ahmed Nuri from a bakery.", "detained", "journalist Ahmed Nuri"),
        ("Gunmen killed teacher Ana Villalobos at the school gate.", "killed", "teacher Ana Villalobos"),
    ],
)
def test_one_person_named_with_or_without_their_work_is_one(text: str, outcome: str, who: str) -> None:
    [claim] = [c for c in claims_of(text) if c.kind == "casualty"]
    assert (claim.outcome, claim.count.best if claim.count else None) == (outcome, 1)
    assert claim.span.slice(text) in who


@pytest.mark.parametrize(
    "text",
    [
        "An air strike killed Karim Haddad along with his wife and their three daughters.",
        "An air strike killed Karim Haddad alongside his wife and their three daughters.",
        "An air strike killed Karim Haddad together with his wife and their three daughters.",
    ],
)
def test_the_victims_of_one_verb_go_on_past_along_with(text: str) -> None:
    found = [c for c in claims_of(text) if c.kind == "casualty"]
    assert sum(c.count.best for c in found if c.count) == 5
    assert [c.joint for c in found] == [False, True, True]


def test_victims_reported_killed_are_not_the_source() -> None:
    [a, b] = claims_of("Ali Haddad and Fares Haddad were reported killed in the strike.")
    assert (a.source, b.source) == (None, None)


@pytest.mark.parametrize(
    "text",
    [
        # who the victims were, in an apposition after them, is no perpetrator
        "A drone strike killed four members of the Qandil Guard (QG), a militia allied to the PKK.",
        # a party counted by a figure in an earlier sentence was harmed, not harming
        "Turkish jets said they had neutralised 3 PKK fighters. Later, the toll of the strike rose to 9.",
    ],
)
def test_a_party_among_the_victims_is_not_the_perpetrator(text: str) -> None:
    assert [c.perpetrator for c in claims_of(text) if c.kind == "casualty"][-1] != "PKK"


@pytest.mark.parametrize(
    "text",
    [
        "At least 14 PKK killed, 6 wounded in clashes near Van",  # counted, then a passive verb
        "Senior PKK commander killed in Van clash",  # its people, then a passive verb
        "PKK fighters were killed in an air strike near Van; 3 soldiers were wounded.",
    ],
)
def test_a_party_named_as_the_harmed_is_nobodys_perpetrator_in_its_sentence(text: str) -> None:
    assert [c.perpetrator for c in claims_of(text) if c.kind == "casualty"] == [None] * len(
        [c for c in claims_of(text) if c.kind == "casualty"]
    )


def test_a_party_whose_fighters_kill_acts() -> None:
    [c] = [c for c in claims_of("PKK fighters killed two village guards near Van.") if c.kind == "casualty"]
    assert c.perpetrator == "PKK"


@pytest.mark.parametrize(
    ("text", "perpetrator"),
    [
        ("Chadian troops killed 17 gunmen near the border on Sunday.", "Chadian forces"),
        ("Nine herders were shot dead by Cameroonian soldiers.", "Cameroonian forces"),
        ("A Kenyan airstrike killed 6 people in Gedo.", "Kenyan forces"),  # a weapon acts wherever named
        # a state's services as the target, not the actor
        ("Gunmen ambushed a Chadian army convoy, killing 5.", None),
        ("A bomb hit a convoy escorted by Kenyan troops; 3 were killed.", None),
        ("Assailants attacked Malian soldiers in Mopti, killing 4.", None),
        # the party whose the target was is not the one that struck it
        ("An air strike on a prison run by Yemen's Houthi movement killed at least 70 people.", None),
        ("Gunmen attacked a checkpoint held by the Taliban, killing 3 guards.", None),
        # the states named by a party of their own take their weapons by adjective too
        ("An Israeli airstrike on a house in the town killed five people.", "Israel"),
        ("A Turkish drone strike on a car killed 3 people near Qamishli.", "Turkey"),
        ("An American airstrike killed 12 fighters in the desert.", "United States"),
        ("Russian guided aerial bombs hit a block of flats in Sumy, killing four people.", "Russia"),
        ("An Iskander-M missile struck the rail station in Dnipro, killing 3 people.", "Russia"),
    ],
)
def test_a_states_forces_are_the_perpetrator_only_where_they_act(text: str, perpetrator: str | None) -> None:
    assert [c.perpetrator for c in claims_of(text) if c.kind == "casualty"] == [perpetrator]


@pytest.mark.parametrize(
    ("text", "perpetrator"),
    [
        # an actor of talks lends itself to no later shelling
        ("Talks between the army and the PKK resumed in Geneva. In Van, shelling killed 4 people.", None),
        # an actor of an attack does, even when the sentence names no harm
        ("PKK fighters attacked an army post near Van. Four soldiers were killed.", "PKK"),
        # but not to a sentence that names its own actor, unknown: a roundup's next attack
        ("PKK fighters attacked an army post near Van. In Mus, gunmen shot dead 2 village guards.", None),
        # nor to a running total, which counts more than the attack told before it ...
        (
            "Indian troops killed 10 militants in a gunfight. More than 250 people have been killed in ethnic "
            "violence in the state since May 2023.",
            None,
        ),
        # ... unless the total points back to the actor
        ("Al-Shabaab stormed a base on Friday. The group has killed more than 4,000 people since 2017.", "Al-Shabaab"),
        # nor to another event the report's is set beside in time
        (
            "Al-Shabaab bombed a cafe in the capital. The blast came a day after an air strike in the north "
            "killed 12 fighters.",
            None,
        ),
        # nor to a war's toll whose sentence names both its sides, neither of them alone
        (
            "Medics blamed the RSF for the shelling. Since fighting between the army and the RSF broke out, "
            "more than 15,000 people have been killed.",
            None,
        ),
    ],
)
def test_a_sentence_before_lends_its_actor_only_when_it_tells_of_force(text: str, perpetrator: str | None) -> None:
    assert [c.perpetrator for c in claims_of(text) if c.kind == "casualty"][-1:] == [perpetrator]


def test_an_earlier_count_a_toll_is_compared_with_is_a_count_of_that_toll() -> None:
    text = (
        "At least 2,900 people were killed in the fighting for Goma, the mission said. Some 2,000 bodies were "
        "recovered from the streets. The toll far exceeds the 773 deaths announced by the government."
    )
    assert [(c.count.text, c.scope) for c in claims_of(text) if c.count is not None][-1] == ("773", "cumulative")


def test_what_a_strike_targeted_is_no_party_held_responsible() -> None:
    text = "On March 10, an airstrike targeted suspected Al-Shabaab positions near the town."
    assert [c for c in claims_of(text) if c.kind == "statement"] == []


def test_a_roundups_bullet_takes_no_event_or_actor_from_the_bullet_before() -> None:
    text = (
        "Key developments\n"
        "- On 4 February, an Israeli drone strike on a village killed four people.\n"
        "- On 5 February, a 60-year-old woman was injured when her home was set on fire."
    )
    first, second = [c for c in claims_of(text) if c.kind == "casualty"]
    assert (first.event_type, first.perpetrator) == ("airstrike", "Israel")
    assert (second.event_type, second.perpetrator) == (None, None)


@pytest.mark.parametrize(
    ("text", "party", "stance"),
    [
        (
            "Gunmen killed a trader in the port. Sources attributed the attack to the Coastal Liberation Front (CLF).",
            "Coastal Liberation Front (CLF)",
            "attributed",
        ),
        ("Gunmen killed 5 farmers. Police blamed the attack on Fulani herdsmen.", "Fulani herdsmen", "attributed"),
        (
            "A bomb killed two guards. The Northern Brigade of the Free Army claimed responsibility.",
            "Northern Brigade of the Free Army",
            "claimed",
        ),
        (
            "A roadside bomb killed five soldiers. The Hafiz Gul Bahadur group claimed responsibility.",
            "Hafiz Gul Bahadur group",
            "claimed",
        ),
        (
            "A grenade wounded six shoppers. Police suspected the involvement of the Sa'adat Valley Front.",
            "Sa'adat Valley Front",
            "attributed",
        ),
        (
            "A mine killed two herders. Elders suspected that the Red Valley Brigade carried out the attack.",
            "Red Valley Brigade",
            "attributed",
        ),
    ],
)
def test_a_group_the_alias_table_does_not_know_is_named_where_blame_puts_it(text: str, party: str, stance: str) -> None:
    assert [(c.party, c.stance) for c in claims_of(text) if c.kind == "statement"] == [(party, stance)]


@pytest.mark.parametrize(
    "text",
    [
        "Jihadists killed at least 40 people in Djibo on Sunday. JNIM claimed the attack.",
        # the group's English name, and "claimed" with the attack as its object
        "Jihadists killed at least 40 people in Djibo on Sunday. The al-Qaeda-linked Group to Support Islam and "
        "Muslims (JNIM) claimed the attack.",
    ],
)
def test_a_group_that_claimed_the_attack_claimed_responsibility(text: str) -> None:
    assert [(c.party, c.stance) for c in claims_of(text) if c.kind == "statement"] == [("JNIM", "claimed")]


@pytest.mark.parametrize("name", ["Tehreek-i-Taliban Pakistan", "Tehrik-e-Taliban Pakistan", "Pakistani Taliban"])
def test_a_group_is_known_under_the_transliterations_its_press_uses(name: str) -> None:
    text = f"A roadside bomb killed two policemen in Bannu. The banned {name} claimed responsibility."
    assert [(c.party, c.stance) for c in claims_of(text) if c.kind == "statement"] == [
        ("Tehrik-i-Taliban Pakistan", "claimed")
    ]


@pytest.mark.parametrize(
    ("text", "party", "stance"),
    [
        ("Gunmen shot a headmaster. Sources attributed the attack to separatists.", "separatists", "attributed"),
        (
            "Two men were wounded. Police blamed the shooting on dissident Republicans.",
            "dissident Republicans",
            "attributed",
        ),
        (
            "A bomb hurt 3 guards. A left-wing extremist claimed responsibility for it.",
            "left-wing extremist",
            "claimed",
        ),
        ("A fire killed a guard. Mapuche activists claimed responsibility for it.", "Mapuche activists", "claimed"),
    ],
)
def test_a_party_named_by_its_cause_is_named_where_blame_puts_it(text: str, party: str, stance: str) -> None:
    assert [(c.party, c.stance) for c in claims_of(text) if c.kind == "statement"] == [(party, stance)]


@pytest.mark.parametrize(
    "text",
    [
        "A bomb killed two soldiers. Police blamed the attack on militants.",  # too vague alone
        "A bomb killed two soldiers. Officials blamed the collapse on the heavy rain.",
    ],
)
def test_blame_on_no_party_names_none(text: str) -> None:
    # guards: held before the cause-named parties were read, and must still hold
    assert [c for c in claims_of(text) if c.kind == "statement"] == []


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen seized four drivers. Sources attributed the raid to the Kolo faction of the Red Valley Brigade.",
        "Gunmen seized four drivers. Police blamed the raid on the Kolo faction (KF) of the Red Valley Brigade.",
    ],
)
def test_blame_on_a_named_faction_of_a_group_goes_to_the_group(text: str) -> None:
    # as when the faction claims the attack itself ("The Kolo faction of … claimed responsibility")
    assert [(c.party, c.stance) for c in claims_of(text) if c.kind == "statement"] == [
        ("Red Valley Brigade", "attributed")
    ]


@pytest.mark.parametrize(
    ("text", "stances"),
    [
        # the blamed party's own denial leaves the blame standing beside it
        (
            "A bomb killed five people at a market. Sources attributed the attack to the Taliban, which denied it.",
            [("Taliban", "attributed"), ("Taliban", "denied")],
        ),
        # … and so does a denial in a relative clause with its own subject
        (
            "A bomb killed five people. Sources suspected that the Taliban was involved, which the group denied.",
            [("Taliban", "attributed"), ("Taliban", "denied")],
        ),
        # anyone else's denial voids the blame: nothing is attributed
        ("A bomb killed five people. Police blamed the Taliban, but officials denied it.", [("Taliban", "denied")]),
    ],
)
def test_a_blamed_party_that_denies_it_is_still_blamed(text: str, stances: list[tuple[str, str]]) -> None:
    assert [(c.party, c.stance) for c in claims_of(text) if c.kind == "statement"] == stances


@pytest.mark.parametrize(
    ("text", "statements", "perpetrators"),
    [
        # a capital denying or admitting answers for its government
        ("Jets killed 9 people in the market. Moscow has denied involvement.", [("Russia", "denied")], [None]),
        ("A strike killed 3 fishermen. Kyiv admitted responsibility.", [("Ukraine", "admitted")], [None]),
        # a capital accusing someone is no party to the harm, and a capital hit is no attacker
        ("Damascus accused rebels of shelling the district, killing 4 people.", [], [None]),
        ("A drone attack on Moscow killed 2 people on Monday.", [], [None]),
    ],
)
def test_a_capital_answers_for_its_government_only_when_it_denies_or_admits(
    text: str, statements: list[tuple[str, str]], perpetrators: list[str | None]
) -> None:
    claims = claims_of(text)
    assert [(c.party, c.stance) for c in claims if c.kind == "statement"] == statements
    assert [c.perpetrator for c in claims if c.kind == "casualty"] == perpetrators


def test_a_suspicion_about_something_else_names_no_group() -> None:
    text = "A mine killed two herders. Elders suspected that the Red Valley road was closed."
    assert [c for c in claims_of(text) if c.kind == "statement"] == []


def test_no_group_claiming_responsibility_names_no_one() -> None:
    assert [
        c for c in claims_of("A bomb killed two guards. No group claimed responsibility.") if c.kind == "statement"
    ] == []


def test_a_sentence_opened_as_another_event_takes_no_actor_from_the_sentence_before() -> None:
    text = (
        "Shelling by the Rapid Support Forces killed nine civilians in the town on Friday. "
        "Separately, an air strike on a market to the west killed six people, residents said."
    )
    assert [(c.count.text, c.perpetrator) for c in claims_of(text) if c.kind == "casualty"] == [
        ("nine", "Rapid Support Forces"),
        ("six", None),
    ]


@pytest.mark.parametrize(
    ("text", "blamed"),
    [
        ("Troops killed 11 suspected PKK militants near Van.", []),  # who the dead were thought to be
        ("A suspected PKK militant was killed near Van.", []),
        ("Suspected PKK militants killed 3 village guards near Van.", ["PKK"]),  # who did it
    ],
)
def test_suspected_before_the_victims_blames_no_one(text: str, blamed: list[str]) -> None:
    assert [c.party for c in claims_of(text) if c.kind == "statement"] == blamed


def test_a_hyphenated_victim_noun_counts() -> None:
    [c] = claims_of("Two passers-by were wounded in the shooting.")
    assert (c.outcome, c.count.point if c.count else None) == ("injured", 2)


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        ("The cook was killed in the attack.", "killed"),
        ("A tailor was shot dead in his shop.", "killed"),
        ("The owner was wounded by shrapnel.", "injured"),
        # callings beyond the trades: the media, the arts, the academy
        ("Gunmen shot dead a local radio presenter outside his home.", "killed"),
        ("A well-known poet died when the shell hit her building.", "killed"),
        ("A university professor was wounded by a sniper near the campus.", "injured"),
    ],
)
def test_one_person_named_by_a_trade_is_one_victim(text: str, outcome: str) -> None:
    [c] = claims_of(text)
    assert (c.outcome, c.count.point if c.count else None, c.victims) == (outcome, 1, "civilians")


@pytest.mark.parametrize(
    "text",
    [
        "Kidnappers abducted Professor Amaka Obi on the road to her village.",
        "Gunmen abducted Senator Musa Bello outside his farm.",
        "Gunmen abducted reporter Musa Bello outside his farm.",
    ],
)
def test_a_person_named_after_a_title_is_one_person(text: str) -> None:
    [c] = [c for c in claims_of(text) if c.kind == "casualty"]
    assert (c.outcome, c.count.point if c.count else None, c.count and c.count.qualifier) == ("detained", 1, "named")


@pytest.mark.parametrize(
    ("text", "perpetrator"),
    [
        # the party that gives the account is its source, not the attacker
        ("The drone strike killed two farmers, the Houthis said.", None),
        ("A mortar round killed 3 children, the coalition said, blaming the Houthis.", "Houthis"),
        # guards: a speaker that tells of its own deed is the attacker
        ("The Israeli military said it killed 3 gunmen in Jenin.", "Israel"),
        ("Turkish troops say kill 33 rebels", "Turkey"),
    ],
)
def test_a_party_that_only_reports_the_figure_is_not_its_perpetrator(text: str, perpetrator: str | None) -> None:
    assert [c.perpetrator for c in claims_of(text) if c.kind == "casualty"] == [perpetrator]


@pytest.mark.parametrize(
    ("text", "party"),
    [
        # another group's name ends like the ELN's: it is that other group
        (
            "Gunmen shot a trader. Police blamed the attack on the Kolo National Liberation Army (KNLA).",
            "Kolo National Liberation Army (KNLA)",
        ),
        # guard: a nationality before the name is its modifier
        ("Gunmen shot 3 soldiers. Officials blamed the Colombian National Liberation Army.", "ELN"),
    ],
)
def test_a_known_groups_name_at_the_end_of_a_longer_name_is_not_that_group(text: str, party: str) -> None:
    assert [c.party for c in claims_of(text) if c.kind == "statement"] == [party]


@pytest.mark.parametrize(
    ("text", "perpetrator"),
    [
        ("Nobody was hurt when the drone was intercepted by Saudi-led coalition forces over Abha.", None),
        ("Coalition air defences intercepted a drone over Jizan; no casualties were reported.", None),
        # guard: a party that kills is still the perpetrator
        ("Russian forces killed 12 civilians in a strike on Kharkiv.", "Russia"),
    ],
)
def test_the_party_that_wards_an_attack_off_is_not_its_perpetrator(text: str, perpetrator: str | None) -> None:
    assert [c.perpetrator for c in claims_of(text) if c.kind == "casualty"] == [perpetrator]


@pytest.mark.parametrize(
    ("text", "party", "stance"),
    [
        # a faction with its other name in brackets, claiming for its group
        (
            "A raid killed two guards. The Kolo (Kolo Hills Front-KHF) faction of the Red Valley Brigade "
            "claimed responsibility for the incident.",
            "Red Valley Brigade",
            "claimed",
        ),
        # blame in the present tense
        (
            "Gunmen wounded 4 people. Sources attribute the attack to the Red Valley Brigade.",
            "Red Valley Brigade",
            "attributed",
        ),
    ],
)
def test_a_faction_s_claim_and_blame_in_the_present_name_the_group(text: str, party: str, stance: str) -> None:
    assert [(c.party, c.stance) for c in claims_of(text) if c.kind == "statement"] == [(party, stance)]


@pytest.mark.parametrize(
    "text",
    [
        "A drone attack on the night of 7-8 March injured five civilians, the governor said.",
        "A drone attack on the night of March 7-8 injured five civilians, the governor said.",
        "Shelling on 12–14 June wounded five civilians in the town.",
    ],
)
def test_a_range_of_days_beside_a_month_is_a_date_not_a_range_of_victims(text: str) -> None:
    found = [(c.outcome, c.count.low, c.count.high) for c in claims_of(text) if c.count is not None]
    assert found == [("injured", 5, 5)], found


def test_a_range_with_no_month_beside_it_is_still_a_range_of_victims() -> None:
    [claim] = [c for c in claims_of("Clashes killed 7-8 fighters on Monday.") if c.count is not None]
    assert (claim.count.low, claim.count.high) == (7, 8)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The toll rose to 19 after three more wounded villagers succumbed to their injuries.", (3, "civilians")),
        ("Two injured soldiers later died in a military hospital.", (2, "combatants")),
    ],
)
def test_the_wounded_who_died_are_dead(text: str, expected: tuple[int, str]) -> None:
    # "wounded" only describes who they were: the verb that tells their fate is "died"
    [claim] = [c for c in claims_of(text) if c.count is not None and c.count.point == expected[0]]
    assert (claim.outcome, claim.victims) == ("killed", expected[1])


@pytest.mark.parametrize(
    "text",
    [
        "Eleven wounded villagers were flown to the capital.",
        "Nine injured people were taken to hospital, where one died.",
    ],
)
def test_the_wounded_who_did_not_die_stay_wounded(text: str) -> None:
    figures = [c for c in claims_of(text) if c.count is not None and c.count.point in (9, 11)]
    assert [c.outcome for c in figures] == ["injured"]


@pytest.mark.parametrize(
    "text",
    [
        "Fighting between two rival clans killed 40 people near the market.",
        "A feud between three armed groups has killed dozens of villagers.",
    ],
)
def test_a_figure_of_those_who_killed_is_no_toll(text: str) -> None:
    # the verb has its own victims after it: the figure before it counts the killers
    assert [c.count.point for c in claims_of(text) if c.count is not None and c.count.point in (2, 3)] == []
    assert [c.outcome for c in claims_of(text) if c.kind == "casualty"] == ["killed"]


def test_a_rank_among_events_is_no_toll() -> None:
    # "one of the deadliest" ranks the killing; the men shot are its toll
    text = "In one of the bloodiest killings, militiamen shot dead at least 27 farmers in the village on Sunday."
    assert [c.count.text for c in claims_of(text) if c.count is not None] == ["at least 27"]
    assert [c.count.point for c in claims_of("Two of the most senior officers were killed.") if c.count] == [2]


def test_a_headline_figure_the_body_gives_as_a_running_total_is_that_running_total() -> None:
    text = (
        "Monitor says over 400 civilians killed in coastal reprisals\n\n"
        "A monitor said on Sunday that gunmen had killed more than 400 civilians in the coastal "
        "region since Friday. In one village, 22 men were shot dead on Saturday, residents said."
    )
    found = [(c.count.point, c.scope, c.period) for c in claims_of(text) if c.count is not None]
    assert found == [(401, "cumulative", "since Friday"), (401, "cumulative", "since Friday"), (22, "incident", None)]


def test_a_headline_figure_over_a_bodys_days_of_violence_is_that_running_total() -> None:
    text = (
        "Toll in coastal violence tops 800, monitor says\n\n"
        "Clashes and reprisals in the coastal region have killed more than 800 people in the past three "
        "days, a monitor said on Sunday."
    )
    assert [c.scope for c in claims_of(text) if c.count is not None] == ["cumulative", "cumulative"]


def test_a_headline_figure_over_a_raids_villages_stays_the_raids_toll() -> None:
    # a total over two villages is the raid's, whose headline tells it as one event
    text = (
        "Gunmen kill 14 in night raid\n\n"
        "Gunmen attacked two villages in the district on Tuesday night, killing at least 14 people."
    )
    assert [c.scope for c in claims_of(text) if c.count is not None][0] == "incident"


@pytest.mark.parametrize(
    "text",
    [
        "DAMASCUS - A rights monitor said on Sunday that gunmen had killed 14 villagers.",
        "DAMASCUS, Syria - A rights monitor said 14 villagers were killed.",
    ],
)
def test_a_dateline_is_no_part_of_the_source(text: str) -> None:
    [claim] = [c for c in claims_of(text) if c.kind == "casualty"]
    assert claim.source is not None and claim.source.name == "A rights monitor"


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        # a day then the toll: only four digits after "October 24," are its year
        ("On October 24th, 17 civilians were killed in the strike.", 17),
        ("At dawn on March 3, 12 people were killed when a shell hit the market.", 12),
        # the family's generations describe the victims; they are no toll
        ("Nine civilians across three generations of one family were killed in the raid.", 9),
    ],
)
def test_a_toll_after_a_day_or_before_a_description_is_read(text: str, figure: int) -> None:
    assert [(c.outcome, c.count.point) for c in claims_of(text) if c.count is not None] == [("killed", figure)]


def test_the_year_after_a_day_is_still_no_toll() -> None:
    text = "On March 3, 2021, gunmen killed 12 people in the village."
    assert [c.count.point for c in claims_of(text) if c.count is not None] == [12]


@pytest.mark.parametrize(
    "text", ["Death toll in the coastal violence tops 1,000, monitor says", "The toll has exceeded 1,000."]
)
def test_a_toll_that_tops_a_round_figure_is_above_it(text: str) -> None:
    [claim] = [c for c in claims_of(text) if c.count is not None]
    assert (claim.count.qualifier, claim.count.low, claim.count.high) == ("more_than", 1001, None)


@pytest.mark.parametrize(
    ("text", "dead", "first"),
    [
        ("Lopez, a local councillor and teacher, and her husband were killed in the attack.", 2, "Lopez"),
        ("Maria Lopez, a local councillor, and her husband were killed in the attack.", 2, "Maria Lopez"),
        ("Colonel Saleh, the district security chief, and his escort were killed in the assault.", 2, "Colonel Saleh"),
        ("Ahmed Ali, a teacher, and two students were killed.", 3, "Ahmed Ali"),
    ],
)
def test_an_apposition_says_who_the_person_named_before_it_is(text: str, dead: int, first: str) -> None:
    # "a councillor and teacher" between commas is the named person, not two more of the dead
    found = [c for c in claims_of(text) if c.kind == "casualty"]
    assert text[found[0].span.start : found[0].span.end] == first
    assert [c.joint for c in found] == [False] + [True] * (len(found) - 1)
    assert sum(c.count.best for c in found if c.count) == dead


def test_a_hostage_who_died_in_captivity_is_one_dead() -> None:
    text = "Rebels abducted four villagers. Three were later freed and the fourth, Aung Kyaw, died in captivity."
    assert [(c.outcome, c.count.best) for c in claims_of(text) if c.kind == "casualty" and c.count] == [
        ("detained", 4),
        ("killed", 1),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The army said its troops had neutralised four armed separatists in the operation.",
        "Four separatists were neutralized, the ministry said.",
    ],
)
def test_an_armys_neutralised_is_out_of_action_not_surely_dead(text: str) -> None:
    # killed in one army's usage, killed, captured or surrendered in another's
    assert [(c.outcome, c.count.best, c.victims) for c in claims_of(text) if c.count] == [
        ("casualties", 4, "combatants")
    ]


@pytest.mark.parametrize(
    ("sentence", "scope"),
    [
        ("The monitor recorded 41 civilian deaths from violence in June 2025, including 12 in Diyala.", "cumulative"),
        ("At least 30 people were killed during March in Borno state, officials said.", "cumulative"),
        ("A suicide bomber killed 30 people at a market in Maiduguri in June 2025.", "incident"),
        ("A suicide bomber killed 30 people at a market in Maiduguri in 2015.", "incident"),
        ("Gunmen killed 12 villagers on 3 June 2025.", "incident"),
    ],
)
def test_a_months_count_is_a_running_total_and_one_attackers_toll_is_not(sentence: str, scope: str) -> None:
    assert claims_of(sentence)[0].scope == scope


@pytest.mark.parametrize(
    ("text", "perpetrator"),
    [
        ("A gunman wounded two guards outside a court in Fresno, California, United States.", None),
        ("The United States launched air strikes that killed 12 fighters in Yemen.", "United States"),
    ],
)
def test_a_country_closing_a_chain_of_places_is_where_not_who(text: str, perpetrator: str | None) -> None:
    assert [c.perpetrator for c in claims_of(text) if c.count] == [perpetrator]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Three villagers were beaten by soldiers.", [("injured", 3)]),
        ("Two men were beaten to death by a mob.", [("killed", 2)]),
        ("Gunmen fired on Ali Khan near Sukkur. Khan and his son, Omar Khan, were injured.", [("injured", 1)] * 2),
    ],
)
def test_a_beating_is_an_injury_and_a_named_man_and_his_son_are_two(text: str, expected: list[tuple]) -> None:
    assert [(c.outcome, c.count.best) for c in claims_of(text) if c.count] == expected


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        ("Gunmen shot dead Musa Bello outside his farm on Friday.", 1),
        ("Gunmen shot dead Senator Musa Bello outside his farm.", 1),
        ("Unknown men gunned down Musa Bello and his son near the market.", 2),
    ],
)
def test_a_person_shot_dead_by_name_is_one_dead(text: str, dead: int) -> None:
    killed = [c for c in claims_of(text) if c.kind == "casualty" and c.outcome == "killed"]
    assert sum(c.count.point or 0 for c in killed if c.count) == dead


@pytest.mark.parametrize(
    ("text", "outcome", "figure"),
    [
        # torture that did not kill is an injury; "tortured to death" stays a killing
        ("The kidnapped reporter was tortured and released two days later.", "injured", 1),
        ("Militiamen tortured to death four shepherds near the well.", "killed", 4),
        # foreigners named as nationals
        ("Two Japanese nationals were wounded when gunmen fired on their car.", "injured", 2),
    ],
)
def test_torture_and_nationals(text: str, outcome: str, figure: int) -> None:
    found = [(c.outcome, c.count.point if c.count else None) for c in claims_of(text) if c.kind == "casualty"]
    assert (outcome, figure) in found, found


@pytest.mark.parametrize(
    "text",
    [
        "Two of the abducted pupils died in captivity, the police commissioner said.",
        "Two kidnapped pupils were killed by their captors.",
    ],
)
def test_captives_who_died_are_dead_not_held(text: str) -> None:
    [c] = [c for c in claims_of(text) if c.kind == "casualty"]
    assert (c.outcome, c.count.point if c.count else None) == ("killed", 2)


def test_superscript_digits_beside_a_month_are_no_day_and_no_crash() -> None:
    # "²³" is a digit to str.isdigit() but no number to int(): it once raised inside extraction
    assert [c.count.point for c in claims_of("On ²³-25 May, 4 people were killed in the raid.") if c.count] == [4]


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        # the share and the whole it is of, each a figure of its own
        (
            "Villagers said at least two of the nine people killed in the raid were herders.",
            [("killed", 2, "at_least"), ("killed", 9, "exact")],
        ),
        ("A doctor said three of the 14 wounded later died.", [("killed", 3, "exact"), ("injured", 14, "exact")]),
    ],
)
def test_a_share_of_a_toll_and_the_toll_it_is_of_are_both_read(text: str, figures: list[tuple]) -> None:
    got = [(c.outcome, c.count.point or c.count.low, c.count.qualifier) for c in claims_of(text) if c.count]
    assert got == figures
