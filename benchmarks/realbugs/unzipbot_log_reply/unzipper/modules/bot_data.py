class Messages(object):
    LOG_TXT = "**User ID :** `{}` \n**File :** `{}` \n**Size :** `{}`"
    ERROR_TXT = "**Error happened 😕** \n\n`{}`"
    HOW_MANY_UPLOADED = "{} files uploaded"
    EXT_FAILED_TXT = "**Extraction failed 😕**"
