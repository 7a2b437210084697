#!/usr/bin/env python3
"""Writes a synthetic multi-story news corpus with planted discrepancies.

    bench/gen_corpus.py OUT_DIR --articles N [--seed S]

Deterministic from the seed: the same arguments give the same bytes. Each
story is one invented event reported by 3-8 outlets; names (people, places,
organisations) are made up per story and never reused, so stories can be
told apart. Articles come in every form concord reads: .txt with a
`date YYYY-MM-DD` first line, .md with +++ TOML front matter, .html with an
article:published_time meta, and .jsonl feeds holding many articles.

Some stories carry planted disagreements with known answers, written to
OUT_DIR/../<name>.answers.jsonl (outside the corpus folder, so concord does not
read it) as one JSON object a line:
  {"story": 17, "kind": "title", "class": "conflict",
   "docs": ["herald-00017", ...], "odd_docs": ["post-00017"],
   "values": ["Labour Minister", "Transport Minister"], "subject": "..."}
Only the standard library is used.
"""

import argparse
import datetime as dt
import json
import os
import random

SYLLABLES = [
    "ka", "lo", "ve", "mar", "den", "tor", "sil", "bra", "quen", "dal", "mi", "ros",
    "tan", "vel", "gor", "nes", "pri", "hal", "cor", "bel", "fen", "lun", "sta", "rik",
    "zan", "mor", "tel", "dri", "ven", "kas", "lor", "nim", "pel", "sar", "thu", "wen",
    "yar", "bod", "cal", "dun", "eth", "fal", "gra", "hol", "ist", "jor", "kel", "lam",
]
FIRST_NAMES = [
    "Anna", "David", "Maria", "James", "Priya", "Ahmed", "Elena", "Tomas", "Grace",
    "Rahul", "Sofia", "Daniel", "Fatima", "Lukas", "Chen", "Amara", "Oliver", "Nadia",
    "Kwame", "Ingrid", "Mateo", "Leila", "Samuel", "Yuki", "Hannah", "Ravi", "Clara",
    "Joseph", "Aisha", "Marco", "Helen", "Ivan", "Lucia", "Peter", "Zainab", "Erik",
]
PORTFOLIOS = ["Labour", "Transport", "Finance", "Health", "Energy", "Trade",
              "Agriculture", "Education", "Environment", "Housing", "Fisheries",
              "Tourism"]
CORP_TITLES = [("chief executive", "chief financial officer"),
               ("chief financial officer", "chief operating officer"),
               ("managing director", "chief executive"),
               ("chair", "chief executive")]
OUTLETS = [
    "Herald", "Courier", "Gazette", "Post", "Tribune", "Ledger", "Chronicle",
    "Observer", "Wire", "Times", "Journal", "Dispatch", "Monitor", "Standard",
    "Sentinel", "Examiner", "Globe", "Mercury", "Record", "Bulletin",
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
            "Sunday"]
NUMBER_WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven",
                8: "eight", 9: "nine", 10: "ten", 11: "eleven", 12: "twelve"}

# Kinds of event: what happens, what is counted, who speaks. {P} is the
# place, {O} the organisation, {E} the event's proper name.
EVENTS = [
    dict(kind="strike", noun="strike", org="{O} Dockworkers Union",
         head="Dockworkers at the Port of {P} end strike after tentative deal",
         counted="wages", fig_unit="percent", fig_range=(6, 18),
         fig_sent=["Under the tentative deal, wages will rise by a total of {F} over four years.",
                   "The agreement raises wages by {F} over four years and limits layoffs.",
                   "Workers will get a wage increase of {F} spread over four years, the union said."],
         date_sent=["Union members will vote on the deal on {D}.",
                    "A ratification vote is scheduled for {D}, the union said.",
                    "The deal still has to be ratified by members on {D}."],
         dur_noun="strike"),
    dict(kind="floods", noun="floods", org="{O} Civil Protection Agency",
         head="Floods in {P} leave dozens dead and thousands displaced",
         counted="people killed", fig_unit="people", fig_range=(12, 90),
         fig_sent=["At least {F} were killed in the floods around {P}, officials said.",
                   "The floods around {P} have killed {F}, according to the agency.",
                   "Officials said {F} had died in the floods in the {P} valley."],
         date_sent=["Schools in {P} will reopen on {D}, the regional government said.",
                    "The regional government said schools would reopen on {D}.",
                    "Classes in the {P} district are due to resume on {D}."],
         dur_noun="rainfall"),
    dict(kind="plant", noun="plant", org="{O} Energy Storage",
         head="{O} Energy Storage to build battery plant at {P}",
         counted="dollars", fig_unit="dollars", fig_range=(2, 19),
         fig_sent=["{O} Energy Storage said it will spend {F} on the plant at {P}.",
                   "The plant at {P} will cost {F}, the company said.",
                   "{O} Energy Storage plans to invest {F} in the {P} factory."],
         date_sent=["Construction of the {P} plant will begin on {D}, the company said.",
                    "The company said work on the {P} site would start on {D}.",
                    "Building work at {P} is due to start on {D}."],
         dur_noun="consultation"),
    dict(kind="election", noun="election", org="{O} Electoral Commission",
         head="{P} votes in a tight regional election",
         counted="turnout", fig_unit="percent", fig_range=(41, 79),
         fig_sent=["Turnout in the {P} election reached {F}, the commission said.",
                   "The commission put turnout in {P} at {F}.",
                   "About {F} of registered voters in {P} cast a ballot, the commission said."],
         date_sent=["The new regional assembly of {P} will sit for the first time on {D}.",
                    "The {P} assembly is due to meet for the first time on {D}.",
                    "Newly elected members in {P} will be sworn in on {D}."],
         dur_noun="campaign"),
    dict(kind="final", noun="final", org="{O} Football Club",
         head="{O} win the cup final at {P} stadium",
         counted="supporters", fig_unit="people", fig_range=(18, 75),
         fig_sent=["A crowd of {F} watched the final at the {P} stadium.",
                   "The {P} stadium was packed with {F} for the final.",
                   "Some {F} attended the final in {P}, organisers said."],
         date_sent=["The team will parade the trophy through {P} on {D}.",
                    "A victory parade is planned in {P} for {D}.",
                    "The club said the parade in {P} would take place on {D}."],
         dur_noun="season"),
]

# Background prose. Each story picks its own handful of topic words from
# these lists, so that its outlets share vocabulary and other stories mostly
# do not (as in real news, where two stories share few telling words).
NOUNS = """bridge hospital ferry vineyard pipeline warehouse railway tunnel reservoir
orchard quarry refinery brewery lighthouse monastery library museum stadium
airport canal dam highway motorway marina shipyard sawmill bakery pharmacy
clinic laboratory observatory greenhouse dairy fishery cannery foundry mill
mine smelter substation turbine reactor telescope satellite locomotive tram
trolleybus ambulance helicopter tractor harvester excavator crane barge
tanker trawler glacier volcano delta estuary lagoon peninsula archipelago
meadow prairie steppe savanna rainforest wetland marsh swamp moorland heath
plateau canyon gorge ravine valley ridge summit hillside riverbank shoreline
coastline seafront boardwalk promenade cathedral chapel mosque temple
synagogue shrine palace castle fortress citadel rampart courthouse townhall
embassy consulate parliament ministry prison barracks arsenal depot garage
workshop studio gallery theatre cinema concert orchestra choir festival
carnival parade marathon regatta tournament championship league academy
university college seminary kindergarten nursery orphanage hostel hotel
motel resort spa casino nightclub restaurant cafe bistro tavern canteen
supermarket bazaar marketplace mall boutique bookshop kiosk newsstand
printing newspaper broadcaster podcast magazine almanac archive manuscript
census ledger budget subsidy pension mortgage tariff royalty dividend bond
currency inflation deficit surplus export import shipment cargo container
freight logistics courier parcel postage telegraph broadband fibre antenna
radar sonar drone robot algorithm software database server datacentre
chip battery solar windfarm hydrogen biogas coal lignite uranium cobalt
lithium nickel copper bauxite timber cotton wool silk leather rubber
cocoa coffee tea sugar wheat barley maize rice soybean olive grape apple
cherry salmon trout tuna sardine oyster lobster shrimp cattle sheep goat
poultry honey cheese wine whisky vodka perfume textile garment footwear
furniture ceramics glassware porcelain jewellery watchmaking shipbuilding
aviation tourism hospitality insurance banking accountancy auditing
vaccine antibiotic surgery dentistry nursing midwifery ambulance paramedic
firefighter lifeguard coastguard ranger forester gamekeeper beekeeper
fisherman shepherd blacksmith carpenter plumber electrician welder mason""".split()
ADJECTIVES = """ageing crowded flooded historic remote rural coastal northern southern
eastern western upland lowland industrial agricultural volcanic frozen
arid humid windy muddy rocky sandy leafy busy quiet prosperous struggling
neglected restored abandoned modernised overcrowded underfunded ambitious
cautious costly cheap fragile sturdy sprawling compact ancient medieval
colonial futuristic experimental traditional seasonal temporary permanent""".split()
VERBS = """inspected repaired reopened closed expanded upgraded renovated
financed audited surveyed insured leased sold bought merged rebuilt
evacuated flooded cleared licensed certified relocated dismantled restored
extended digitised automated staffed supplied""".split()

BACKGROUND = [
    "Residents of {P} said the {a1} {n1} had been {v1} twice in the past decade.",
    "{O} has run the {n2} near {P} since {Y}00 or so.",
    "Owners of the {n3} in {P} said they were still counting the cost.",
    "Analysts said the fate of the {a2} {n4} would be watched closely.",
    "The episode has revived a long debate about the {n1} and the {n5}.",
    "Opposition politicians called for the {n2} to be {v2} without delay.",
    "A spokesperson for {O} declined to comment on the {n6}.",
    "Traffic around the {n3} in {P} was heavier than usual.",
    "The council is expected to discuss the {a3} {n5} at its next meeting.",
    "Volunteers at the {n6} in {P} have offered help to families affected.",
    "Economists said the effect on the {n7} trade was likely to be modest.",
    "The {P} {n4} handled {H} tonnes of {n7} last year, according to official data.",
    "The district of {P} has a population of about {K},000 people.",
    "Earlier this year, officials in {P} said the {n1} would be {v3}.",
    "{S2} of {O2}, a research institute, said the {n8} should be {v1} quickly.",
    "The {O} head office beside the {n2} employs {J} staff.",
    "Listeners in {P} followed the news of the {n3} on local radio.",
    "Photographs of the {a1} {n8} were shared widely online.",
    "Workers at the {n5} and the {n6} have clashed with managers before.",
    "The government promised a full report on the {n4} and the {n7}.",
    "Prices of {n7} in {P} have risen steadily since the start of the year.",
    "Critics said the decision on the {n8} came too late.",
    "The mayor of {P}, {S3}, said the {n1} would be {v2} by the summer.",
    "Visitors to the {a2} {n2} were turned away on Saturday.",
    "The {n6} at {P} was {v3} in the spring, long before the latest events.",
    "Nobody at the {n5} was hurt, {O} said.",
    "Engineers from {O2} spent most of the week at the {n3}, checking every {n8}.",
    "Before the {n4} was {v2}, it was best known for its {a3} {n7}.",
    "Shopkeepers near the {n6} said fewer customers had come in since the {n2} was {v1}.",
    "The {n1} at {P} was built in the {Y}0s and has been {v3} several times since then.",
    "Insurers have been asked to explain how claims over the {n5} and the {n3} will be handled.",
    "In a letter to the council, {S2} warned that the {a1} {n4} could not be {v2} in time.",
    "Children from the {n6} school were taken to see the {a2} {n8} in the afternoon.",
    "Some families living beside the {n2} said they had not been told about the {n7}.",
    "The cost of keeping the {n3} open has doubled, according to {O2} estimates.",
    "Fishing boats and barges were kept away from the {n5} for much of the morning.",
    "{S3} told reporters outside the {n1} that the {n4} would be {v3} with or without help.",
    "Trade in {n7} through the {n4} of {P} was briefly halted.",
    "Photographers gathered at the gates of the {a3} {n6} before dawn.",
    "Footage filmed near the {n8} showed queues stretching along the road to {P}.",
]


class Names:
    """Invented words never used twice in one corpus."""

    def __init__(self, rng):
        self.rng = rng
        self.used = set()

    def word(self):
        while True:
            n = self.rng.choice((2, 3, 3, 4))
            w = "".join(self.rng.choice(SYLLABLES) for _ in range(n)).capitalize()
            if w not in self.used and len(w) >= 5:
                self.used.add(w)
                return w


def date_forms(d, pub, rng, relative_ok=True):
    """A way to write date `d` in an article published on `pub`."""
    forms = [f"{MONTHS[d.month - 1]} {d.day}", f"{d.day} {MONTHS[d.month - 1]}",
             f"{MONTHS[d.month - 1]} {d.day}, {d.year}", f"{d.day} {MONTHS[d.month - 1]} {d.year}"]
    delta = (d - pub).days
    if relative_ok and 1 < delta <= 6:
        forms.append(WEEKDAYS[d.weekday()])
    if relative_ok and delta == 1:
        forms.append("tomorrow")
    return rng.choice(forms)


def figure_text(kind, value, rng):
    if kind["fig_unit"] == "percent":
        return rng.choice([f"{value} percent", f"{value} per cent", f"{value}%"])
    if kind["fig_unit"] == "dollars":
        return rng.choice([f"${value} billion", f"{value} billion dollars", f"US${value} billion"])
    if kind["counted"] == "people killed":
        return f"{value} people"
    return rng.choice([f"{value},000 people", f"{value},000 fans"]) if kind["kind"] == "final" \
        else f"{value} people"


def build_story(idx, rng, names, base_day, big=0):
    kind = rng.choice(EVENTS)
    place, org, org2 = names.word(), names.word(), names.word()
    minister = f"{rng.choice(FIRST_NAMES)} {names.word()}"
    exec_name = f"{rng.choice(FIRST_NAMES)} {names.word()}"
    expert = f"{rng.choice(FIRST_NAMES)} {names.word()}"
    mayor = f"{rng.choice(FIRST_NAMES)} {names.word()}"
    portfolio, wrong_portfolio = rng.sample(PORTFOLIOS, 2)
    start = base_day + dt.timedelta(days=idx * 3 // 2 % 700)
    n_outlets = rng.randint(3, 8)
    outlets = rng.sample(OUTLETS, n_outlets)
    if big > n_outlets:  # a story every outlet covers, several times
        outlets = [f"{OUTLETS[k % len(OUTLETS)]}{'' if k < len(OUTLETS) else k // len(OUTLETS)}"
                   for k in range(big)]
        n_outlets = big
    fig = rng.randint(*kind["fig_range"])
    duration = rng.randint(3, 12)
    due = start + dt.timedelta(days=rng.randint(8, 40))
    story = dict(idx=idx, kind=kind, P=place, O=org, O2=org2, minister=minister,
                 exec=exec_name, expert=expert, mayor=mayor, portfolio=portfolio,
                 outlets=outlets, fig=fig, duration=duration, due=due, start=start,
                 Y=rng.randint(5, 60), H=rng.randint(100, 900) * 1000,
                 K=rng.randint(20, 400), J=rng.randint(40, 3000),
                 corp=rng.choice(CORP_TITLES))
    story["n"] = rng.sample(NOUNS, 8)
    story["a"] = rng.sample(ADJECTIVES, 3)
    story["v"] = rng.sample(VERBS, 3)
    n, a, v = story["n"], story["a"], story["v"]
    # A quote of twelve words from the story's own vocabulary; a reworded
    # quote changes six of them (see write_article).
    story["quote"] = rng.choice([
        f"The {a[0]} {n[0]} of {place} must be {v[0]} before the {n[1]} opens again",
        f"Nobody here expected the {n[0]} to be {v[0]} while the {a[0]} {n[1]} waits",
        f"We told {org} that the {n[0]} and the {a[0]} {n[1]} cannot be {v[0]}",
    ]).split()
    story["reworded"] = [n[2], v[1], n[3]]
    # Planted disagreements: which outlet says something else.
    plants = {}
    for what in ("title", "figure", "date", "quote"):
        if rng.random() < 0.3:
            plants[what] = rng.randrange(1, n_outlets)  # never the first outlet
    story["plants"] = plants
    story["wrong"] = dict(title=wrong_portfolio,
                          figure=fig + rng.choice((-3, -2, 2, 3, 5)),
                          date=due + dt.timedelta(days=rng.choice((-2, 1, 2, 3))))
    return story


def fill(template, s, rng):
    return template.format(P=s["P"], O=s["O"], O2=s["O2"], Y=s["Y"], H=f"{s['H']:,}",
                           K=s["K"], J=f"{s['J']:,}", S2=s["expert"], S3=s["mayor"],
                           n1=s["n"][0], n2=s["n"][1], n3=s["n"][2], n4=s["n"][3],
                           n5=s["n"][4], n6=s["n"][5], n7=s["n"][6], n8=s["n"][7],
                           a1=s["a"][0], a2=s["a"][1], a3=s["a"][2],
                           v1=s["v"][0], v2=s["v"][1], v3=s["v"][2],
                           F="{F}", D="{D}")


def write_article(s, k, rng):
    """Returns (doc id, outlet, published date, title, paragraphs, mentions)."""
    kind = s["kind"]
    outlet = s["outlets"][k]
    pub = s["start"] + dt.timedelta(days=rng.randint(0, 3))
    doc_id = f"{outlet.lower()}-{s['idx']:06d}"
    plants = s["plants"]
    odd = {w for w, o in plants.items() if o == k}
    mentions = {}
    title = fill(kind["head"], s, rng)
    paras = []
    dur_words = NUMBER_WORDS.get(s["duration"], str(s["duration"]))
    lede_day = s["start"]
    lede = (f"{s['P'].upper()} ({outlet}) - The {s['O']} {kind['noun']} in {s['P']} "
            f"was the talk of the {s['a'][1]} {s['n'][5]} on {date_forms(lede_day, pub, rng, relative_ok=False)}, "
            f"after a {dur_words}-day {kind['dur_noun']} near the {s['n'][0]}.")
    paras.append(lede)
    # The figure.
    fv = s["wrong"]["figure"] if "figure" in odd else s["fig"]
    ftext = figure_text(kind, fv, rng)
    mentions["figure"] = ftext
    paras.append(rng.choice(kind["fig_sent"]).format(P=s["P"], O=s["O"], F=ftext))
    # The title of the minister.
    portfolio = s["wrong"]["title"] if "title" in odd else s["portfolio"]
    mentions["title"] = f"{portfolio} Minister"
    paras.append(rng.choice([
        f"{portfolio} Minister {s['minister']} visited the {s['n'][1]} at {s['P']} on the same day.",
        f"{portfolio} Minister {s['minister']} promised support for the {s['n'][4]} in {s['P']}.",
        f"{s['minister']}, the {portfolio} Minister, toured the {s['a'][2]} {s['n'][1]}.",
    ]))
    # The date.
    dv = s["wrong"]["date"] if "date" in odd else s["due"]
    dtext = date_forms(dv, pub, rng)
    mentions["date"] = dtext
    paras.append(rng.choice(kind["date_sent"]).format(P=s["P"], D=dtext))
    # The quote.
    q = list(s["quote"])
    if "quote" in odd:
        q[-3:] = s["reworded"]
    qtext = " ".join(q)
    mentions["quote"] = qtext
    speaker = s["minister"]
    paras.append(rng.choice([
        f"\u201c{qtext},\u201d {speaker} said.",
        f"\u201c{qtext},\u201d said {speaker}.",
        f"{speaker.split()[-1]} said: \u201c{qtext}.\u201d",
    ]))
    # The company's officer.
    paras.append(f"{s['exec']}, {s['corp'][0]} of {s['O']} Holdings, said the company "
                 f"had {s['v'][2]} the {s['n'][6]} {rng.choice(['twice', 'once', 'again'])}.")
    # Background prose, to give articles a realistic length.
    pool = list(BACKGROUND)
    rng.shuffle(pool)
    used = rng.randint(24, 32)
    for t in pool[:used]:
        paras.append(fill(t, s, rng))
    for t in pool[used:used + rng.randint(2, 4)]:  # some paragraphs of two sentences
        i = rng.randrange(6, len(paras))
        paras[i] = paras[i] + " " + fill(t, s, rng)
    return doc_id, outlet, pub, title, paras, mentions, odd


def render(fmt, doc_id, outlet, pub, title, paras):
    body = "\n\n".join(paras)
    if fmt == "txt":
        return f"date {pub.isoformat()}\n\n{title}\n\n{body}\n"
    if fmt == "md":
        return (f"+++\npublished = {pub.isoformat()}\nsource = \"The {outlet}\"\n"
                f"title = \"{title}\"\n+++\n\n{body}\n")
    ps = "\n".join(f"<p>{p.replace('&', '&amp;')}</p>" for p in paras)
    return (f"<!doctype html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{title} - The {outlet}</title>\n"
            f"<meta property=\"og:site_name\" content=\"The {outlet}\">\n"
            f"<meta property=\"article:published_time\" content=\"{pub.isoformat()}T09:30:00Z\">\n"
            f"</head>\n<body>\n<nav><a href=\"/\">Home</a> | <a href=\"/world\">World</a></nav>\n"
            f"<article>\n<h1>{title}</h1>\n{ps}\n</article>\n"
            f"<footer>Copyright The {outlet}. All rights reserved.</footer>\n</body>\n</html>\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", help="corpus folder to create")
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--answers", help="answers file (default: OUT.answers.jsonl)")
    ap.add_argument("--big-story", type=int, default=0,
                    help="every 200th story is covered by this many articles")
    ap.add_argument("--per-dir", type=int, default=1000, help="files per sub-folder")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    names = Names(rng)
    out = args.out.rstrip("/")
    answers_path = args.answers or out + ".answers.jsonl"
    os.makedirs(out, exist_ok=True)
    base_day = dt.date(2025, 1, 6)
    written = 0
    idx = 0
    files = 0
    feed = []  # jsonl records waiting for their feed file
    feeds = 0
    with open(answers_path, "w", encoding="utf-8") as answers:
        while written < args.articles:
            s = build_story(idx, rng, names, base_day,
                            big=args.big_story if idx % 200 == 0 else 0)
            n = min(len(s["outlets"]), args.articles - written)
            docs, odd_docs, mentions = [], {}, {}
            for k in range(n):
                doc_id, outlet, pub, title, paras, ms, odd = write_article(s, k, rng)
                docs.append(doc_id)
                for what, text in ms.items():
                    mentions.setdefault(what, {}).setdefault(doc_id, text)
                for what in odd:
                    odd_docs.setdefault(what, []).append(doc_id)
                fmt = rng.choices(["txt", "md", "html", "jsonl"], weights=[35, 25, 25, 15])[0]
                if fmt == "jsonl":
                    feed.append({"id": doc_id, "source": f"The {outlet}",
                                 "published": pub.isoformat(), "title": title,
                                 "text": "\n\n".join(paras)})
                    if len(feed) >= rng.randint(40, 200):
                        path = os.path.join(out, "feeds", f"feed-{feeds:05d}.jsonl")
                        os.makedirs(os.path.dirname(path), exist_ok=True)
                        with open(path, "w", encoding="utf-8") as f:
                            for r in feed:
                                f.write(json.dumps(r, ensure_ascii=False) + "\n")
                        feeds += 1
                        feed = []
                else:
                    sub = os.path.join(out, f"d{files // args.per_dir:04d}")
                    os.makedirs(sub, exist_ok=True)
                    with open(os.path.join(sub, f"{doc_id}.{fmt}"), "w", encoding="utf-8") as f:
                        f.write(render(fmt, doc_id, outlet, pub, title, paras))
                    files += 1
            written += n
            for what, odd in sorted(odd_docs.items()):
                if not odd or len(docs) < 2:
                    continue
                normal = next(d for d in docs if d not in odd)
                values = sorted({mentions[what][d] for d in docs})
                answers.write(json.dumps({
                    "story": idx, "kind": what, "class": "conflict", "docs": docs,
                    "odd_docs": odd, "subject": s["minister"] if what in ("title", "quote") else s["P"],
                    "expected": mentions[what][normal], "odd": mentions[what][odd[0]],
                    "values": values}, ensure_ascii=False) + "\n")
            idx += 1
        if feed:
            path = os.path.join(out, "feeds", f"feed-{feeds:05d}.jsonl")
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                for r in feed:
                    f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{written} articles in {idx} stories -> {out} (answers: {answers_path})")


if __name__ == "__main__":
    main()
