"""Pages and feeds the ingest tests serve and read, written for these tests."""

from __future__ import annotations

ARTICLE_HTML = """<!doctype html>
<html><head><meta charset="utf-8">
<title>Holding centre over capacity, inspectors find</title>
<meta property="og:site_name" content="Border Watch Weekly">
<meta property="article:published_time" content="2024-03-12T09:30:00+00:00">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/about">About</a></nav>
<article>
<h1>Holding centre over capacity, inspectors find</h1>
<p>Inspectors who visited the holding centre near the northern border in February counted 212 people in rooms built for 120, according to their report published on Tuesday.</p>
<p>Eleven of those held were children, and several families said they had waited more than three weeks for a hearing.</p>
</article>
<footer>Contact the newsroom</footer>
</body></html>
"""

NAV_ONLY_HTML = """<!doctype html>
<html><head><title>Border Watch Weekly</title></head><body>
<nav><ul>
<li><a href="/">Home</a></li><li><a href="/news">Latest news</a></li>
<li><a href="/reports">Reports</a></li><li><a href="/data">Data and maps</a></li>
<li><a href="/about">About us</a></li><li><a href="/contact">Contact</a></li>
</ul></nav>
</body></html>
"""

SECOND_ARTICLE_HTML = """<!doctype html>
<html><head><meta charset="utf-8"><title>Court orders release of asylum seekers</title></head>
<body><article>
<p>A regional court ordered the release of 34 asylum seekers on Friday, finding that their detention at the airport transit zone had exceeded the legal limit of ninety days.</p>
</article></body></html>
"""


def rss_feed(base: str) -> str:
    """An RSS feed whose entries link to the local server: two good articles and a broken one."""
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel>
<title>Border Watch Weekly</title><link>{base}/</link><description>News on detention</description>
<item><title>Holding centre over capacity</title><link>{base}/article</link>
<pubDate>Tue, 12 Mar 2024 09:30:00 GMT</pubDate></item>
<item><title>A story that was taken down</title><link>{base}/missing</link>
<pubDate>Wed, 13 Mar 2024 10:00:00 GMT</pubDate></item>
<item><title>Court orders release</title><link>/second</link>
<pubDate>Fri, 15 Mar 2024 16:00:00 GMT</pubDate></item>
</channel></rss>
"""
