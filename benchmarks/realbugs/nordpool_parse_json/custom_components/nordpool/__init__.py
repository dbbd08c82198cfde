"""Nord Pool electricity prices."""
