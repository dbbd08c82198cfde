DOMAIN = "zonneplan_one"
